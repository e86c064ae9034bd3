using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// A CA made for one test, as a home user makes one for a self-signed broker: its certificate and server
/// certificates it signs are written as PEM files that Mosquitto (cafile, certfile, keyfile) and the publisher read.
/// Nothing here is trusted by the system.
/// </summary>
internal sealed class ThrowawayCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;

    public ThrowawayCertificateAuthority(string directory, string name)
    {
        Directory = directory;
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        CertificateFile = Path.Combine(directory, $"{name}.pem");
        File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
    }

    public string Directory { get; }

    /// <summary>The CA's certificate as PEM: what <c>--mqtt-ca-file</c> and Mosquitto's <c>cafile</c> take.</summary>
    public string CertificateFile { get; }

    /// <summary>Signs a server certificate for the given addresses and names; writes its certificate and key as PEM.</summary>
    public (string CertificateFile, string KeyFile) IssueServerCertificate(string name, IPAddress[] addresses, string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses)
        {
            alternativeNames.AddIpAddress(address);
        }

        foreach (var dnsName in dnsNames)
        {
            alternativeNames.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        // Inside the CA's own validity, which a later "now" could overshoot.
        using var certificate = request.Create(_certificate, _certificate.NotBefore, _certificate.NotAfter, RandomNumberGenerator.GetBytes(16));

        var certificateFile = Path.Combine(Directory, $"{name}.pem");
        var keyFile = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }
}
