using Kiwigrid.Client;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Connection;

/// <summary>The one place that turns a connection target into a site source; every command reads through it.</summary>
internal static class SiteSources
{
    /// <summary>Opens the source the target names; nothing is read or logged in to yet.</summary>
    /// <param name="target">Where to read from.</param>
    /// <param name="credentials">The portal login; null only when the target needs none.</param>
    /// <param name="timeProvider">The clock for timeouts, polling and backoff.</param>
    /// <exception cref="CliUsageException">The chosen cloud cannot be read yet.</exception>
    public static ISiteSource Open(ConnectionTarget target, Credentials? credentials, TimeProvider timeProvider)
    {
        if (target.LocalEnergyManager is { } local)
        {
            return new LocalEnergyManagerSource(local, KiwigridClientOptions.Default with { TimeProvider = timeProvider });
        }

        ArgumentNullException.ThrowIfNull(credentials);
        return target.Cloud switch
        {
            CloudKind.Hems => throw new CliUsageException("Today's SOLARWATT cloud (--cloud hems) is not wired yet; use --cloud legacy or --local for now."),
            _ => new LegacyCloudSource(credentials.UserName, credentials.Password, target.LegacyCloud with { TimeProvider = timeProvider }),
        };
    }
}
