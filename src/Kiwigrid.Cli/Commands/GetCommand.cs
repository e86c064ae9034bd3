using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid get &lt;device&gt; &lt;tag&gt;</c>: one value, bare, for scripts.</summary>
internal sealed class GetCommand : SiteCommand
{
    private readonly Argument<string> _device = new("device")
    {
        Description = "The device: its guid, its name, or its kind when only one has it.",
    };

    private readonly Argument<string> _tag = new("tag")
    {
        Description = "The tag, e.g. PowerProduced or StateOfCharge.",
    };

    public GetCommand(CliContext context)
        : base("get", "Print one tag value and nothing else (strings bare, other values as JSON), for scripts.", context)
    {
        Arguments.Add(_device);
        Arguments.Add(_tag);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Devices, cancellationToken).ConfigureAwait(false);
        var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        var device = DeviceSelector.Find(devices, parseResult.GetValue(_device)!);
        var tag = FindTag(site, device, parseResult.GetValue(_tag)!);
        var console = Context.Console;
        if (parseResult.GetValue(Json))
        {
            console.WriteRawLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("guid", device.Guid);
                json.WriteString("tag", tag.Name);
                json.WritePropertyName("value");
                DeviceJson.WriteDisplayValue(json, tag);
                json.WriteString("unit", tag.Unit);
                json.WriteEndObject();
            }));
        }
        else
        {
            console.WriteRawLine(DeviceText.Value(tag));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The tag; a source that shows only a summary says so and where the tag can be read instead.</summary>
    private static TagValue FindTag(ISiteSource site, Device device, string tagName)
    {
        try
        {
            return DeviceSelector.FindTag(device, tagName);
        }
        catch (CliNotFoundException) when (SourceLimits.SummaryOnly(site) is { } summaryOnly)
        {
            throw new CliNotFoundException($"Device {device.Guid} has no tag '{tagName}' here: {char.ToLowerInvariant(summaryOnly[0])}{summaryOnly[1..]}");
        }
    }
}
