using System.CommandLine;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Commands;

/// <summary>The options of the commands that poll: interval, how many snapshots, which tags.</summary>
internal sealed class PollOptions
{
    public PollOptions(int defaultIntervalSeconds)
    {
        Interval = new("--interval")
        {
            Description = $"Seconds between reads (at least {DeviceWatchOptions.MinimumInterval.TotalSeconds}).",
            HelpName = "seconds",
            DefaultValueFactory = _ => defaultIntervalSeconds,
        };
        Interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < DeviceWatchOptions.MinimumInterval.TotalSeconds)
            {
                result.AddError($"--interval must be at least {DeviceWatchOptions.MinimumInterval.TotalSeconds} seconds, so as not to hammer the server.");
            }
        });
        Count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--count must be at least 1.");
            }
        });
    }

    public Option<int> Interval { get; }

    public Option<int?> Count { get; } = new("--count")
    {
        Description = "Stop after this many reads (default: run until Ctrl+C).",
        HelpName = "n",
    };

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
            Query = tags.Length == 0 ? null : new DeviceQuery { Projection = DeviceProjection.OnlyTags(tags) },
        };
    }

    /// <summary>Whether a tag passes <c>--tag</c> (every tag does when none is given).</summary>
    public static bool Selects(IReadOnlyCollection<string> tags, string tagName) =>
        tags.Count == 0 || tags.Contains(tagName, StringComparer.OrdinalIgnoreCase);
}
