using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid tags &lt;device&gt;</c>: every tag of one device with value and unit.</summary>
internal sealed class TagsCommand : SiteCommand
{
    private readonly Argument<string> _device = new("device")
    {
        Description = "The device: its guid, its name, or its kind (location, battery, pvplant, …) when only one has it.",
    };

    public TagsCommand(CliContext context)
        : base("tags", "Show every tag of one device with its value and unit.", context)
    {
        Arguments.Add(_device);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Devices, cancellationToken).ConfigureAwait(false);
        var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        var device = DeviceSelector.Find(devices, parseResult.GetValue(_device)!);
        var console = Context.Console;
        if (parseResult.GetValue(Json))
        {
            console.WriteRawLine(JsonText.Write(json => DeviceJson.WriteTags(json, device)));
        }
        else
        {
            console.Out.Write(TagTable.Render(device, console.Out.Profile.Width));
        }

        if (SourceLimits.SummaryOnly(site) is { } summaryOnly)
        {
            console.WriteNote(summaryOnly);
        }

        return ExitCodes.Ok;
    }
}
