using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Connection;

/// <summary>What a command does when its source cannot answer what it needs: one sentence, before anything is read.</summary>
internal static class SourceLimits
{
    /// <summary>Throws a usage error naming the first of <paramref name="needed"/> that <paramref name="site"/> cannot answer.</summary>
    /// <exception cref="CliUsageException">The source lacks one of them.</exception>
    public static void Require(ISiteSource site, SiteCapabilities needed)
    {
        var missing = needed & ~site.Capabilities;
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
        throw new CliUsageException($"{Subject(site)} {lacks}.");
    }

    /// <summary>
    /// For a source that shows only a summary of each device's tags (today's cloud): the sentence saying so and where
    /// all of them can be read; null for a source that shows every tag.
    /// </summary>
    public static string? SummaryOnly(ISiteSource site) =>
        site.Capabilities.HasFlag(SiteCapabilities.AllTags)
            ? null
            : $"{Subject(site)} shows only a summary of each device's tags; the 2018 cloud (--cloud legacy) or the LAN (--local) shows them all.";

    /// <summary>The source's description at the start of a sentence: "The Energy Manager at …".</summary>
    public static string Subject(ISiteSource site) =>
        site.Description.Length == 0 ? site.Description : string.Concat(char.ToUpperInvariant(site.Description[0]).ToString(), site.Description.AsSpan(1));
}
