using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Connection;

/// <summary>What a command does when its source cannot answer what it needs: one sentence, before anything is read.</summary>
internal static class SourceLimits
{
    /// <summary>Throws a usage error naming the first of <paramref name="needed"/> that <paramref name="site"/> cannot answer.</summary>
    /// <exception cref="CliUsageException">The source lacks one of them.</exception>
    public static void Require(ISiteSource site, SiteCapabilities needed) => Require(SiteSubject.Of(site), site.Capabilities, needed);

    /// <summary>Throws a usage error naming the first of <paramref name="needed"/> missing from <paramref name="available"/>.</summary>
    /// <param name="subject">What lacks it, at the start of a sentence: "The device at …".</param>
    /// <param name="available">What the source can answer.</param>
    /// <param name="needed">What the command needs.</param>
    /// <exception cref="CliUsageException">One of them is missing.</exception>
    public static void Require(string subject, SiteCapabilities available, SiteCapabilities needed)
    {
        var missing = needed & ~available;
        if (missing == SiteCapabilities.None)
        {
            return;
        }

        var lacks = (SiteCapabilities)((int)missing & -(int)missing) switch
        {
            SiteCapabilities.History => "keeps no history; read it from the cloud instead",
            SiteCapabilities.Watch => "cannot be watched; read it once with status or devices instead",
            SiteCapabilities.Devices => "does not list its devices; see its energy flow with status instead",
            SiteCapabilities.AllTags => "shows only a summary of each device's tags; read the site from the cloud or the LAN instead",
            SiteCapabilities.Settings => "offers no settings here; change them in the SOLARWATT app or portal",
            SiteCapabilities.Control => "cannot change settings here; change them in the SOLARWATT app or portal",
            _ => "does not give the energy flow; read the site from the cloud or the LAN instead",
        };
        throw new CliUsageException($"{subject} {lacks}.");
    }

    /// <summary>
    /// For a source that shows only a summary of each device's tags (today's cloud): the sentence saying so and where
    /// all of them can be read; null for a source that shows every tag.
    /// </summary>
    public static string? SummaryOnly(ISiteSource site) =>
        site.Capabilities.HasFlag(SiteCapabilities.AllTags)
            ? null
            : $"{SiteSubject.Of(site)} shows only a summary of each device's tags; the 2018 cloud (--cloud legacy) or the LAN (--local) shows them all.";
}
