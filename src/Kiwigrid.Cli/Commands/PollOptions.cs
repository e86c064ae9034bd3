using System.CommandLine;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Cli.Commands;

/// <summary>The options of the commands that poll: interval, how many snapshots, which tags.</summary>
internal sealed class PollOptions
{
    /// <summary>The longest interval: a day (a longer wait would outlast any session the server keeps).</summary>
    public const int MaximumIntervalSeconds = 86_400;

    public PollOptions(int defaultIntervalSeconds)
    {
        Interval = new Option<int>("--interval")
        {
            Description = $"Seconds between reads (at least {DeviceWatchOptions.MinimumInterval.TotalSeconds}, so as not to hammer the server).",
            HelpName = "seconds",
            DefaultValueFactory = _ => defaultIntervalSeconds,
        }.WholeNumber((int)DeviceWatchOptions.MinimumInterval.TotalSeconds, MaximumIntervalSeconds, "seconds");
    }

    public Option<int> Interval { get; }

    public Option<int?> Count { get; } = new Option<int?>("--count")
    {
        Description = "Stop after this many reads (default: run until Ctrl+C).",
        HelpName = "n",
    }.WholeNumber(1, int.MaxValue);

    public Option<string[]> Tags { get; } = new("--tag")
    {
        Description = "Only this tag (repeatable); the server is asked for these tags only.",
        HelpName = "name",
    };

    public void AddTo(Command command, bool withTags)
    {
        command.Options.Add(Interval);
        command.Options.Add(Count);
        if (withTags)
        {
            command.Options.Add(Tags);
        }
    }

    public DeviceWatchOptions ToWatchOptions(ParseResult parseResult)
    {
        var tags = parseResult.GetValue(Tags) ?? [];
        return new DeviceWatchOptions
        {
            Interval = TimeSpan.FromSeconds(parseResult.GetValue(Interval)),
            // The device's name too: the output names every device, and --device may name one.
            Query = tags.Length == 0 ? null : new DeviceQuery { Projection = DeviceProjection.OnlyTags([.. tags, TagNames.IdName]) },
        };
    }

    /// <summary>
    /// Refuses a <c>--tag</c> that none of the watched devices has in the first reading, which would otherwise
    /// watch nothing, silently, until Ctrl+C (a typo such as <c>--tag PowerConsumd</c>).
    /// </summary>
    public static void CheckTagsExist(IReadOnlyCollection<string> tags, IEnumerable<Device> devices)
    {
        var present = devices.SelectMany(d => d.Tags.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (tags.FirstOrDefault(tag => !present.Contains(tag)) is { } missing)
        {
            throw new CliNotFoundException($"No watched device has the tag '{missing}'; run 'kiwigrid tags <device>' to list a device's tags.");
        }
    }

    /// <summary>Whether a tag passes <c>--tag</c> (every tag does when none is given).</summary>
    public static bool Selects(IReadOnlyCollection<string> tags, string tagName) =>
        tags.Count == 0 || tags.Contains(tagName, StringComparer.OrdinalIgnoreCase);
}
