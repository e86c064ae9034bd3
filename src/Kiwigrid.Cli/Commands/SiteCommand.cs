using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Commands;

/// <summary>A command that reads a site: it takes the connection options and <c>--json</c>.</summary>
internal abstract class SiteCommand : KiwigridCommand
{
    protected SiteCommand(string name, string description, CliContext context)
        : base(name, description, context)
    {
        Connection.AddTo(this);
        Options.Add(Json);
    }

    protected ConnectionOptions Connection { get; } = new();

    /// <summary>Whether the command feeds and writes today's cloud's energy counters; only serve does.</summary>
    protected virtual bool KeepsEnergyCounters => false;

    protected Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON and nothing else.",
    };

    /// <summary>
    /// The site the options name, asking for the cloud's login if need be; a source that cannot answer what the
    /// command <paramref name="needs"/> is a usage error in one sentence before anything is read.
    /// </summary>
    protected async Task<ISiteSource> OpenSiteAsync(ParseResult parseResult, SiteCapabilities needs, CancellationToken cancellationToken)
    {
        var site = await Connection.OpenAsync(parseResult, Context, KeepsEnergyCounters, needs, cancellationToken).ConfigureAwait(false);
        try
        {
            SourceLimits.Require(site, needs);
            return site;
        }
        catch (CliUsageException)
        {
            await site.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
