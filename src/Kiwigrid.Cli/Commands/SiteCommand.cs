using System.CommandLine;
using Kiwigrid.Cli.Connection;

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

    /// <summary>Logs in (asking for credentials if need be) or opens the local Energy Manager.</summary>
    protected async Task<ISiteReader> OpenSiteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var target = Connection.Resolve(parseResult);
        if (target.LocalEnergyManager is { } local)
        {
            return new LocalSiteReader(local, Context.TimeProvider);
        }

        var credentials = await Credentials.ResolveAsync(
            parseResult.GetValue(Connection.UserName),
            parseResult.GetValue(Connection.PasswordStdin),
            Context,
            cancellationToken).ConfigureAwait(false);
        return new CloudSiteReader(credentials, target.Cloud! with { TimeProvider = Context.TimeProvider });
    }
}
