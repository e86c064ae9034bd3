using Kiwigrid.Client;
using Kiwigrid.Client.Counters;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
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
            CloudKind.Hems => OpenHems(target.Hems, credentials, timeProvider, counters, loggerFactory),
            _ => new LegacyCloudSource(credentials.UserName, credentials.Password, target.LegacyCloud with { TimeProvider = timeProvider, LoggerFactory = loggerFactory }),
        };
    }

    /// <summary>Today's cloud, logging in on the first read.</summary>
    private static HemsSiteSource OpenHems(HemsClientOptions hosts, Credentials credentials, TimeProvider timeProvider, CounterStateFiles? counters, ILoggerFactory loggerFactory)
    {
        var options = hosts with { TimeProvider = timeProvider, LoggerFactory = loggerFactory };
        var client = HemsClient.Create(credentials.UserName, credentials.Password, options);
        if (counters is null)
        {
            return new HemsSiteSource(client);
        }

        var path = counters.PathFor(options.ApiUri, credentials.UserName);
        if (counters.Writable)
        {
            var ledger = new EnergyCounterLedger(options.SiteTimeZone, timeProvider, path);
            return new HemsSiteSource(client, new HemsEnergyCounters(client, ledger).GetLocationTagsAsync);
        }

        // Other commands show the counters serve keeps, read afresh at each read, and never write them.
        return new HemsSiteSource(client, _ => Task.FromResult(File.Exists(path)
            ? HemsEnergyCounters.ToLocationTags(new EnergyCounterLedger(options.SiteTimeZone, timeProvider, path), timeProvider.GetUtcNow())
            : (IReadOnlyList<TagValue>)[]));
    }
}
