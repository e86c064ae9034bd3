using System.CommandLine;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid devices</c>: every device of the site.</summary>
internal sealed class DevicesCommand : SiteCommand
{
    public DevicesCommand(CliContext context)
        : base("devices", "List the site's devices: name, kind, state and guid.", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Devices, cancellationToken).ConfigureAwait(false);
        var devices = (await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(d => d.Kind == DeviceKind.Unknown ? int.MaxValue : (int)d.Kind)
            .ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var console = Context.Console;
        if (parseResult.GetValue(Json))
        {
            console.WriteRawLine(JsonText.Write(json =>
            {
                json.WriteStartArray();
                devices.ForEach(d => DeviceJson.WriteSummary(json, d));
                json.WriteEndArray();
            }));
        }
        else if (DeviceTable.Render(devices, console.Out.Profile.Width) is { } table)
        {
            console.Out.Write(table);
        }
        else
        {
            foreach (var line in DeviceTable.Lines(devices))
            {
                console.WriteRawLine(line);
            }
        }

        return ExitCodes.Ok;
    }
}
