using Kiwigrid.Client;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// Where a command reads from: a device on the LAN (a classic Energy Manager or a Manager flex/rail, found out when the
/// source is opened, with the HTTPS certificate to trust), or one of the two clouds with its addresses. The
/// addresses of the cloud not chosen keep their defaults and are not used.
/// </summary>
internal sealed record ConnectionTarget
{
    private ConnectionTarget()
    {
    }

    /// <summary>The device on the LAN; null for a cloud.</summary>
    public Uri? LocalEnergyManager { get; private init; }

    /// <summary>The SHA-256 fingerprint of the LAN device's HTTPS certificate to accept (<c>--tls-fingerprint</c>).</summary>
    public string? TlsFingerprint { get; private init; }

    /// <summary>Whether the LAN device's first HTTPS certificate is trusted and pinned (<c>--tls-trust-on-first-use</c>).</summary>
    public bool TrustOnFirstUse { get; private init; }

    /// <summary>Which cloud, when <see cref="LocalEnergyManager"/> is null.</summary>
    public CloudKind Cloud { get; private init; }

    /// <summary>The 2018 cloud's hosts (<see cref="CloudKind.Legacy"/>).</summary>
    public KiwigridClientOptions LegacyCloud { get; private init; } = KiwigridClientOptions.Default;

    /// <summary>Today's cloud's hosts (<see cref="CloudKind.Hems"/>).</summary>
    public HemsClientOptions Hems { get; private init; } = HemsClientOptions.Default;

    /// <summary>Whether reading needs the portal user name and password (a Manager on the LAN asks for its own once found).</summary>
    public bool NeedsLogin => LocalEnergyManager is null;

    public static ConnectionTarget Local(Uri device, string? tlsFingerprint = null, bool trustOnFirstUse = false) =>
        new() { LocalEnergyManager = device, TlsFingerprint = tlsFingerprint, TrustOnFirstUse = trustOnFirstUse };

    public static ConnectionTarget ForLegacy(KiwigridClientOptions hosts) => new() { Cloud = CloudKind.Legacy, LegacyCloud = hosts };

    public static ConnectionTarget ForHems(HemsClientOptions hosts) => new() { Cloud = CloudKind.Hems, Hems = hosts };
}
