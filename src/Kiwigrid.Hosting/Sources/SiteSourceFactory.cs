using Kiwigrid.Client;
using Kiwigrid.Client.Counters;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting.Sources;

/// <summary>
/// The source <see cref="KiwigridSourceOptions"/> names, made without a request: the login and the first read happen
/// in the watch, which retries what fails remotely. The CLI opens today's cloud through <see cref="CreateHems"/> too.
/// </summary>
internal static class SiteSourceFactory
{
    /// <summary>A Manager flex/rail's gateway user unless another is set.</summary>
    public const string ManagerDefaultUser = "installer";

    /// <exception cref="KiwigridSetupException">A setting the source needs is missing or wrong.</exception>
    public static ISiteSource Create(KiwigridSourceOptions options, TimeProvider timeProvider, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var userName = options.UserName is { Length: > 0 } given ? given : null;
        if (options.Kind == KiwigridSourceKind.Local)
        {
            var address = options.Url ?? throw new KiwigridSetupException("Kiwigrid:Source:Url must name the device on the LAN, e.g. http://192.168.1.20, when Kiwigrid:Source:Kind is Local.");
            return new LanSiteSource(address, userName ?? ManagerDefaultUser, Password(options), new ManagerClientOptions
            {
                TlsFingerprint = options.TlsFingerprint,
                TimeProvider = timeProvider,
                LoggerFactory = loggers,
            });
        }

        if (userName is null)
        {
            throw new KiwigridSetupException("Kiwigrid:Source:UserName must be the portal login (an e-mail address) to read a cloud.");
        }

        if (Password(options) is not { } password)
        {
            throw new KiwigridSetupException("The portal password is missing: set Kiwigrid:Source:PasswordFile, or Kiwigrid__Source__Password in the environment.");
        }

        if (options.Kind == KiwigridSourceKind.Legacy)
        {
            var legacy = options.Url is { } server ? KiwigridClientOptions.ForServer(server) : KiwigridClientOptions.Default;
            return new LegacyCloudSource(userName, password, legacy with { TimeProvider = timeProvider, LoggerFactory = loggers });
        }

        var hems = (options.Url is { } origin ? HemsClientOptions.ForServer(origin) : HemsClientOptions.Default) with { TimeProvider = timeProvider, LoggerFactory = loggers };
        var counters = options.StateDirectory is { Length: > 0 } directory ? new CounterStateFiles(directory, Writable: true) : null;
        return CreateHems(userName, password, hems, counters);
    }

    /// <summary>Today's cloud, logging in on the first read, with the energy counters of <paramref name="counters"/> if any.</summary>
    /// <param name="userName">The portal login.</param>
    /// <param name="password">The portal password.</param>
    /// <param name="options">The hosts, with the clock and the loggers.</param>
    /// <param name="counters">Where the counters are kept (and, when writable, fed and written); null for none.</param>
    public static HemsSiteSource CreateHems(string userName, string password, HemsClientOptions options, CounterStateFiles? counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = HemsClient.Create(userName, password, options);
        if (counters is null)
        {
            return new HemsSiteSource(client);
        }

        var path = counters.PathFor(options.ApiUri, userName);
        var clock = options.TimeProvider;
        if (counters.Writable)
        {
            return new HemsSiteSource(client, new HemsEnergyCounters(client, new EnergyCounterLedger(options.SiteTimeZone, clock, path)).GetLocationTagsAsync);
        }

        // The counters another process (serve) keeps, read afresh at each read and never written.
        return new HemsSiteSource(client, _ => Task.FromResult(File.Exists(path)
            ? HemsEnergyCounters.ToLocationTags(new EnergyCounterLedger(options.SiteTimeZone, clock, path), clock.GetUtcNow())
            : (IReadOnlyList<TagValue>)[]));
    }

    private static string? Password(KiwigridSourceOptions options)
    {
        if (options.PasswordFile is not { Length: > 0 } file)
        {
            return options.Password is { Length: > 0 } password ? password : null;
        }

        try
        {
            return File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') is { Length: > 0 } line
                ? line
                : throw new KiwigridSetupException($"Kiwigrid:Source:PasswordFile {file} is empty; put the password on its first line.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KiwigridSetupException($"Kiwigrid:Source:PasswordFile {file} cannot be read ({ex.Message.TrimEnd('.')}).", ex);
        }
    }
}
