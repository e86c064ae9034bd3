using Kiwigrid.Client;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// Where a command reads from: an Energy Manager on the LAN, or one of the two clouds with its addresses. The
/// addresses of the cloud not chosen keep their defaults and are not used.
/// </summary>
internal sealed record ConnectionTarget
{
    private ConnectionTarget()
    {
    }

    /// <summary>The Energy Manager on the LAN; null for a cloud.</summary>
    public Uri? LocalEnergyManager { get; private init; }

    /// <summary>Which cloud, when <see cref="LocalEnergyManager"/> is null.</summary>
    public CloudKind Cloud { get; private init; }

    /// <summary>The 2018 cloud's hosts (<see cref="CloudKind.Legacy"/>).</summary>
    public KiwigridClientOptions LegacyCloud { get; private init; } = KiwigridClientOptions.Default;

    /// <summary>Today's cloud's hosts (<see cref="CloudKind.Hems"/>).</summary>
    public HemsEndpoints Hems { get; private init; } = HemsEndpoints.Default;

    /// <summary>Whether reading needs the portal user name and password.</summary>
    public bool NeedsLogin => LocalEnergyManager is null;

    public static ConnectionTarget Local(Uri energyManager) => new() { LocalEnergyManager = energyManager };

    public static ConnectionTarget ForLegacy(KiwigridClientOptions hosts) => new() { Cloud = CloudKind.Legacy, LegacyCloud = hosts };

    public static ConnectionTarget ForHems(HemsEndpoints endpoints) => new() { Cloud = CloudKind.Hems, Hems = endpoints };
}
