using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// Which HTTPS certificates a Manager client accepts: any an authority vouches for; otherwise only the pinned one, or,
/// with trust on first use, the first one seen (pinned from then on). Thread-safe: of two first handshakes racing,
/// one pins and the other must match it.
/// </summary>
internal sealed class ManagerCertificatePolicy(ManagerClientOptions options)
{
    private string? _pinned = options.TlsFingerprint;
    private volatile string? _refused;

    /// <summary>The fingerprint pinned by the options or by trust on first use; null while none is.</summary>
    public string? PinnedFingerprint => Volatile.Read(ref _pinned);

    /// <summary>The fingerprint of the last certificate refused, for the message that names it.</summary>
    public string? RefusedFingerprint => _refused;

    /// <summary>A handler that validates certificates by this policy, follows no redirects and keeps no cookies.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
    };

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var fingerprint = CertificateFingerprint.Of(certificate);
        if (Volatile.Read(ref _pinned) is null && options.TrustOnFirstUse
            && Interlocked.CompareExchange(ref _pinned, fingerprint, null) is null)
        {
            options.CertificateTrusted?.Invoke(fingerprint);
            return true;
        }

        if (string.Equals(Volatile.Read(ref _pinned), fingerprint, StringComparison.Ordinal))
        {
            return true;
        }

        _refused = fingerprint;
        return false;
    }

    /// <summary>The error for a failed handshake: the refused certificate named by its fingerprint, or the handshake itself.</summary>
    public KiwigridException Refusal(string origin, HttpRequestException failure) => _refused is { } fingerprint
        ? new KiwigridCertificateException(origin, fingerprint, failure)
        : new KiwigridConnectionException($"The TLS handshake with {origin} failed; check the address and that the device serves HTTPS.", failure);
}
