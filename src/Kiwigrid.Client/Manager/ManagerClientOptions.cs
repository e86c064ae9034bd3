using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// Settings for reading a SOLARWATT Manager flex or rail on the LAN (<see cref="ManagerSiteSource"/>) and for finding
/// out what answers at a LAN address (<see cref="Local.LanDeviceProbe"/>): timeouts, the session's renewal, the login's
/// retries, which HTTPS certificate to trust, and the seams tests use.
/// </summary>
public sealed record ManagerClientOptions
{
    /// <summary>The defaults: 30 s per request, a new login after 900 s, 3 login attempts 2 s apart (doubling), no pin.</summary>
    public static ManagerClientOptions Default { get; } = new();

    /// <summary>How long one request, the login included, may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a session is used before the client logs in again; the Manager ends sessions after about 15 minutes.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>How often a login that met HTTP 500 or 504 is sent in all, the first try included.</summary>
    public int MaxLoginAttempts { get; init; } = 3;

    /// <summary>The wait before the second login attempt; it doubles with every further one.</summary>
    public TimeSpan LoginRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The SHA-256 fingerprint of the HTTPS certificate to accept although no authority vouches for it (hex, colons,
    /// spaces and case ignored), as printed by trust on first use or by <c>openssl x509 -fingerprint -sha256</c>; null
    /// for none. A certificate that passes normal validation is always accepted.
    /// </summary>
    public string? TlsFingerprint
    {
        get;
        init => field = value is null ? null : CertificateFingerprint.Normalize(value)
            ?? throw new ArgumentException("The TLS fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed.", nameof(value));
    }

    /// <summary>
    /// Whether the first HTTPS certificate seen is accepted and pinned for the client's life when no authority vouches
    /// for it and no <see cref="TlsFingerprint"/> is given. Its fingerprint is reported through
    /// <see cref="CertificateTrusted"/>; show it to the user, who should pin it from then on.
    /// </summary>
    public bool TrustOnFirstUse { get; init; }

    /// <summary>Called once with the fingerprint (<c>AB:CD:…</c>) when trust on first use pinned a certificate.</summary>
    public Action<string>? CertificateTrusted { get; init; }

    /// <summary>The clock for every timeout, session renewal and retry delay.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the client logs. Passwords and the session cookie are never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The HTTP handler for every request (the probe, the login, the reads) instead of the client's own (tests, proxies,
    /// <c>IHttpMessageHandlerFactory</c>); it must not follow redirects or keep cookies, and the TLS settings above do not
    /// apply to it. Not disposed by the client.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }
}
