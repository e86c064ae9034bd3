using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid watch</c>: every change of a tag value as it happens, until Ctrl+C.</summary>
internal sealed class WatchCommand : SiteCommand
{
    private readonly PollOptions _poll = new(defaultIntervalSeconds: 15);

    private readonly Option<string[]> _devices = new("--device")
    {
        Description = "Only this device (guid, name or kind; repeatable).",
        HelpName = "device",
    };

    public WatchCommand(CliContext context)
        : base("watch", "Print every change of a tag value as it happens (one JSON object a line with --json), until Ctrl+C.", context)
    {
        _poll.AddTo(this, withTags: true);
        Options.Add(_devices);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(Json);
        var tags = parseResult.GetValue(_poll.Tags) ?? [];
        var deviceSelectors = parseResult.GetValue(_devices) ?? [];
        var console = Context.Console;
        await using var site = await OpenSiteAsync(parseResult, deviceSelectors.Length > 0 ? SiteCapabilities.Watch | SiteCapabilities.Devices : SiteCapabilities.Watch, cancellationToken).ConfigureAwait(false);
        HashSet<string>? guids = null;
        if (deviceSelectors.Length > 0)
        {
            // Looked up in whole devices: with --tag the watch reads only those tags, not the kind a selector may name.
            var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
            guids = [.. deviceSelectors.Select(s => DeviceSelector.Find(devices, s).Guid)];
        }

        // On a terminal a long line goes on over indented lines rather than wrapping inside a name or a value.
        int? width = console.Out.Profile.Out.IsTerminal ? console.Out.Profile.Width : null;
        await SnapshotLoop.RunAsync(
            site,
            _poll.ToWatchOptions(parseResult),
            parseResult.GetValue(_poll.Count),
            console,
            snapshot =>
            {
                if (snapshot.IsFirst)
                {
                    PollOptions.CheckTagsExist(tags, snapshot.Devices.Where(d => guids is null || guids.Contains(d.Guid)));
                    var watched = guids?.Count ?? snapshot.Devices.Count;
                    console.WriteNote($"Watching {watched} {(watched == 1 ? "device" : "devices")} every {parseResult.GetValue(_poll.Interval)} s; Ctrl+C stops.");
                }

                var sharedNames = snapshot.Devices.GroupBy(d => d.Name, StringComparer.Ordinal)
                    .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var change in snapshot.Changes)
                {
                    if ((guids is not null && !guids.Contains(change.Guid))
                        || (change.TagName is not null && !PollOptions.Selects(tags, change.TagName))
                        || ChangeOutput.IsNoise(change))
                    {
                        continue;
                    }

                    console.WriteRawLine(json
                        ? ChangeOutput.Json(snapshot.At, change)
                        : ChangeOutput.Text(snapshot.At.ToLocalTime(), change, sharedNames.Contains(change.Device.Name ?? string.Empty), width));
                }
            },
            cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
