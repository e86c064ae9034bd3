using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiwigrid.Client.Manager;

/// <summary>SHA-256 certificate fingerprints in the form people compare by eye: upper-case hex pairs joined by colons.</summary>
internal static class CertificateFingerprint
{
    /// <summary>The certificate's fingerprint, e.g. <c>AB:CD:…</c> (32 pairs).</summary>
    public static string Of(X509Certificate certificate) =>
        Normalize(Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)))!;

    /// <summary>A fingerprint as typed (colons, spaces, any case) in the form <see cref="Of"/> gives; null if it is none.</summary>
    public static string? Normalize(string text)
    {
        var hex = string.Concat(text.Where(c => c is not (':' or ' ' or '-'))).ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit)
            ? string.Join(':', hex.Chunk(2).Select(pair => new string(pair)))
            : null;
    }
}
