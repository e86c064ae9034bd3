using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The command line's simulation settings; unset values leave the simulation's own defaults, except the start,
/// which defaults to the clock's present so that a live emulator's sun stands where the user's does, and the run-up:
/// the home has run since the local midnight before the start's day.
/// </summary>
/// <param name="Seed">The seed of clouds, appliances and EV sessions.</param>
/// <param name="Start">The simulated time at start-up.</param>
/// <param name="Speed">Simulated seconds per real second.</param>
/// <param name="Site">A captured device dump to replay instead of simulating.</param>
internal sealed record SimulationSettings(int? Seed = null, DateTimeOffset? Start = null, double? Speed = null, string? Site = null)
{
    /// <summary>Whether the simulated home has a smart plug (<see cref="SimulationOptions.WithPlug"/>).</summary>
    public bool Plug { get; init; }

    /// <summary>The site factory these settings describe: a replay of <see cref="Site"/>, or a simulated home.</summary>
    public Func<TimeProvider, ISite> ToSiteFactory()
    {
        if (Site is { } dump)
        {
            return clock => new ReplaySite(dump, clock);
        }

        return clock =>
        {
            var start = Start ?? clock.GetUtcNow();
            return new SimulatedSite(
                SimulationOptions.Default with
                {
                    Seed = Seed ?? SimulationOptions.Default.Seed,
                    Start = start,
                    RunUp = SinceYesterdayMidnight(start, SimulationOptions.Default.TimeZoneId),
                    SpeedFactor = Speed ?? SimulationOptions.Default.SpeedFactor,
                    WithPlug = Plug,
                },
                clock);
        };
    }

    /// <summary>
    /// The home has run since the start of the day before, so today's and yesterday's history (a dashboard's chart,
    /// <c>kiwigrid history</c>) lead into the live values without a jump.
    /// </summary>
    private static TimeSpan SinceYesterdayMidnight(DateTimeOffset start, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var yesterday = TimeZoneInfo.ConvertTime(start, zone).Date.AddDays(-1);
        return start - new DateTimeOffset(yesterday, zone.GetUtcOffset(yesterday));
    }
}
