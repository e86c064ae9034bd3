namespace Kiwigrid.Cli.Connection;

/// <summary>Which SOLARWATT cloud a command logs in to (<c>--cloud</c>).</summary>
internal enum CloudKind
{
    /// <summary>The 2018 Kiwigrid portal: login, desktop, SockJS event bus and history export.</summary>
    Legacy,

    /// <summary>Today's SOLARWATT cloud: the OneID realm, the portal and the HEMS API.</summary>
    Hems,
}
