namespace Kiwigrid.Client;

/// <summary>
/// A device on the LAN presented an HTTPS certificate that no authority vouches for and that is not pinned: the
/// connection was refused. If the certificate is the device's own, pin its <see cref="Fingerprint"/>
/// (<c>ManagerClientOptions.TlsFingerprint</c>) or trust it on first use.
/// </summary>
public sealed class KiwigridCertificateException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridCertificateException()
    {
    }

    /// <inheritdoc />
    public KiwigridCertificateException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public KiwigridCertificateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for one refused certificate.</summary>
    /// <param name="origin">The device's origin, e.g. <c>https://192.168.1.20</c>.</param>
    /// <param name="fingerprint">The certificate's SHA-256 fingerprint, <c>AB:CD:…</c>.</param>
    /// <param name="innerException">The failed handshake.</param>
    public KiwigridCertificateException(string origin, string fingerprint, Exception? innerException)
        : base($"The device at {origin} presented an HTTPS certificate that no authority vouches for and that is not pinned (SHA-256 {fingerprint}); if it is the device's own, pin that fingerprint.", innerException)
    {
        Origin = origin;
        Fingerprint = fingerprint;
    }

    /// <summary>The device's origin.</summary>
    public string? Origin { get; }

    /// <summary>The refused certificate's SHA-256 fingerprint, <c>AB:CD:…</c>.</summary>
    public string? Fingerprint { get; }
}
