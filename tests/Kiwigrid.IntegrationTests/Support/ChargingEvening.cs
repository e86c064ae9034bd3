using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.IntegrationTests.Support;

/// <summary>The first June evening (20:30) after midsummer on which the simulated car of <see cref="EmulatedHome.Seed"/> charges.</summary>
internal static class ChargingEvening
{
    public static DateTimeOffset Find()
    {
        for (var day = 0; day < 30; day++)
        {
            var start = new DateTimeOffset(2025, 6, 21, 20, 30, 0, TimeSpan.FromHours(2)).AddDays(day);
            var site = new SimulatedSite(SimulationOptions.Default with { Seed = EmulatedHome.Seed, Start = start }, new FakeTimeProvider());
            if (site.Devices.GetValue(site.EvStationGuid!, "PowerACIn")!.GetValue<double>() > 0)
            {
                return start;
            }
        }

        throw new InvalidOperationException("The simulated car never charged in a month of evenings.");
    }
}
