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

    protected Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON and nothing else.",
    };

    /// <summary>The site the options name; the cloud's login is asked for (if need be) before anything is read.</summary>
    protected Task<ISiteSource> OpenSiteAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        Connection.OpenAsync(parseResult, Context, cancellationToken);
}
