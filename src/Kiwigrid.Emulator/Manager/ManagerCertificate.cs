using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The self-signed certificate an HTTPS Manager serves, made at start for its loopback address as some real units
/// carry one that no authority vouches for; a user pins it by its SHA-256 fingerprint.
/// </summary>
internal static class ManagerCertificate
{
    public static X509Certificate2 Create(IPAddress address, TimeProvider clock)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={address}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = clock.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // A round trip through PKCS#12 gives the key a form every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The SHA-256 fingerprint as colon-separated upper-case hex (<c>AB:CD:…</c>), as browsers show it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
