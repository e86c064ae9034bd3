using System.CommandLine;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid export</c>: the devices as JSON or NDJSON; with <c>--watch</c>, tag values over time as NDJSON or CSV
/// (every selected value at the first read, then each change).
/// </summary>
internal sealed class ExportCommand : SiteCommand
{
    private readonly PollOptions _poll = new(defaultIntervalSeconds: 15);

    private readonly Option<string> _format = new Option<string>("--format", "-f")
    {
        Description = "json or ndjson for devices; ndjson (default) or csv with --watch.",
        HelpName = "format",
    }.OneOf("json", "ndjson", "csv");

    private readonly Option<bool> _watch = new("--watch")
    {
        Description = "Export tag values over time instead of the devices, until Ctrl+C or --count reads.",
    };

    public ExportCommand(CliContext context)
        : base("export", "Export the devices as JSON or NDJSON, or with --watch their values over time as NDJSON or CSV.", context)
    {
        Options.Add(_format);
        Options.Add(_watch);
        _poll.AddTo(this, withTags: true);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var watch = parseResult.GetValue(_watch);
        var format = parseResult.GetValue(_format) ?? (watch ? "ndjson" : "json");
        if (!watch && format == "csv")
        {
            throw new CliUsageException("CSV exports values over time: add --watch, or use --format json or ndjson for the devices.");
        }

        if (watch && format == "json")
        {
            throw new CliUsageException("Values over time come as a stream: use --format ndjson or csv with --watch.");
        }

        await using var site = await OpenSiteAsync(parseResult, watch ? SiteCapabilities.Watch : SiteCapabilities.Devices, cancellationToken).ConfigureAwait(false);
        return watch
            ? await ExportValuesAsync(site, parseResult, format, cancellationToken).ConfigureAwait(false)
            : await ExportDevicesAsync(site, format, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ExportDevicesAsync(ISiteSource site, string format, CancellationToken cancellationToken)
    {
        var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        var console = Context.Console;
        if (format == "ndjson")
        {
            foreach (var device in devices)
            {
                console.WriteRawLine(JsonText.Write(json => DeviceJson.WriteDocument(json, device), indented: false));
            }
        }
        else
        {
            console.WriteRawLine(JsonText.Write(json =>
            {
                json.WriteStartArray();
                foreach (var device in devices)
                {
                    DeviceJson.WriteDocument(json, device);
                }

                json.WriteEndArray();
            }));
        }

        return ExitCodes.Ok;
    }

    private async Task<int> ExportValuesAsync(ISiteSource site, ParseResult parseResult, string format, CancellationToken cancellationToken)
    {
        var console = Context.Console;
        var tags = parseResult.GetValue(_poll.Tags) ?? [];
        var csv = format == "csv";
        if (csv)
        {
            console.WriteRawLine(ChangeOutput.CsvHeader);
        }

        await SnapshotLoop.RunAsync(
            site,
            _poll.ToWatchOptions(parseResult),
            parseResult.GetValue(_poll.Count),
            console,
            snapshot =>
            {
                if (snapshot.IsFirst)
                {
                    PollOptions.CheckTagsExist(tags, snapshot.Devices);
                }

                var values = snapshot.IsFirst
                    ? snapshot.Devices.SelectMany(d => d.Tags.Values.Select(t => (Device: d, Tag: t)))
                    : snapshot.Changes.Where(c => c.After is not null).Select(c => (c.Device, Tag: c.After!));
                foreach (var (device, tag) in values)
                {
                    if (PollOptions.Selects(tags, tag.Name))
                    {
                        console.WriteRawLine(csv
                            ? ChangeOutput.ValueCsv(snapshot.At, device, tag)
                            : ChangeOutput.ValueJson(snapshot.At, device, tag));
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
