using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The command line's simulation settings; unset values leave the simulation's own defaults, except the start,
/// which defaults to the clock's present so that a live emulator's sun stands where the user's does.
/// </summary>
/// <param name="Seed">The seed of clouds, appliances and EV sessions.</param>
/// <param name="Start">The simulated time at start-up.</param>
/// <param name="Speed">Simulated seconds per real second.</param>
/// <param name="Site">A captured device dump to replay instead of simulating.</param>
internal sealed record SimulationSettings(int? Seed = null, DateTimeOffset? Start = null, double? Speed = null, string? Site = null)
{
    /// <summary>The site factory these settings describe: a replay of <see cref="Site"/>, or a simulated home.</summary>
    public Func<TimeProvider, ISite> ToSiteFactory()
    {
        if (Site is { } dump)
        {
            return clock => new ReplaySite(dump, clock);
        }

        return clock => new SimulatedSite(
            SimulationOptions.Default with
            {
                Seed = Seed ?? SimulationOptions.Default.Seed,
                Start = Start ?? clock.GetUtcNow(),
                SpeedFactor = Speed ?? SimulationOptions.Default.SpeedFactor,
            },
            clock);
    }
}
