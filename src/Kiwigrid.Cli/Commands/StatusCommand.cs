using System.CommandLine;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid status</c>: the energy flow of the home right now.</summary>
internal sealed class StatusCommand : SiteCommand
{
    public StatusCommand(CliContext context)
        : base("status", "Show the home's energy flow now: PV, house, battery, grid, self-sufficiency.", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Devices, cancellationToken).ConfigureAwait(false);
        var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        var view = HomeViewReading.From(devices, Context.TimeProvider.GetLocalNow());
        var console = Context.Console;
        if (parseResult.GetValue(Json))
        {
            console.WriteRawLine(HomeViewJson.Write(view));
        }
        else
        {
            console.Out.Write(HomeViewRenderer.Render(view, console.Out.Profile.Capabilities.Unicode));
        }

        return ExitCodes.Ok;
    }
}
