using Kiwigrid.Client;
using Kiwigrid.Client.Counters;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting.Sources;

/// <summary>
/// The source <see cref="KiwigridSourceOptions"/> names, made without a request: the login and the first read happen
/// in the watch, which retries what fails remotely.
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
        var client = HemsClient.Create(userName, password, hems);
        if (options.StateDirectory is not { Length: > 0 } directory)
        {
            return new HemsSiteSource(client);
        }

        var ledger = new EnergyCounterLedger(hems.SiteTimeZone, timeProvider, new CounterStateFiles(directory, Writable: true).PathFor(hems.ApiUri, userName));
        return new HemsSiteSource(client, new HemsEnergyCounters(client, ledger).GetLocationTagsAsync);
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
