namespace Kiwigrid.Hosting;

/// <summary>Which SOLARWATT/Kiwigrid source a host reads.</summary>
public enum KiwigridSourceKind
{
    /// <summary>Today's SOLARWATT cloud: the OneID login and the HEMS API (<c>hems.kiwigrid.com/v11</c>).</summary>
    Cloud,

    /// <summary>The 2018 Kiwigrid cloud: the portal login and the SockJS event bus.</summary>
    Legacy,

    /// <summary>A device on the LAN: a classic Energy Manager (no login) or a SOLARWATT Manager flex/rail.</summary>
    Local,
}
