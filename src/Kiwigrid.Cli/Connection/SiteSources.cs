using Kiwigrid.Client;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// The one place that turns a connection target into a site source; every command reads through it (a device on the
/// LAN through <see cref="LanSources"/>, which asks it what it is and opens a Manager flex/rail itself).
/// </summary>
internal static class SiteSources
{
    /// <summary>Opens the source the target names; nothing is read or logged in to yet.</summary>
    /// <param name="target">Where to read from.</param>
    /// <param name="credentials">The portal login; null only when the target needs none.</param>
    /// <param name="timeProvider">The clock for timeouts, polling and backoff.</param>
    /// <param name="counters">Where today's cloud's energy counters are kept; null for none.</param>
    /// <param name="loggerFactory">Where the source logs; null for nowhere.</param>
    public static ISiteSource Open(ConnectionTarget target, Credentials? credentials, TimeProvider timeProvider, CounterStateFiles? counters = null, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        if (target.LocalEnergyManager is { } local)
        {
            return new LocalEnergyManagerSource(local, KiwigridClientOptions.Default with { TimeProvider = timeProvider, LoggerFactory = loggerFactory });
        }

        ArgumentNullException.ThrowIfNull(credentials);
        return target.Cloud switch
        {
            CloudKind.Hems => SiteSourceFactory.CreateHems(credentials.UserName, credentials.Password, target.Hems with { TimeProvider = timeProvider, LoggerFactory = loggerFactory }, counters),
            _ => new LegacyCloudSource(credentials.UserName, credentials.Password, target.LegacyCloud with { TimeProvider = timeProvider, LoggerFactory = loggerFactory }),
        };
    }
}
