using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>
/// The simulated home the export corpus was written for (tests/corpus/export-requests use its guids), six hours
/// after its start: requests near the start compute real values, and later rows are the null marker.
/// </summary>
internal static class ExportFuzzSite
{
    public static readonly DateTimeOffset Start = new(2025, 6, 25, 0, 0, 0, TimeSpan.FromHours(2));

    public static SimulatedSite Create(TimeSpan? elapsed = null)
    {
        var clock = new FakeTimeProvider(Start);
        var site = new SimulatedSite(SimulationOptions.Default with { Start = Start }, clock);
        clock.Advance(elapsed ?? TimeSpan.FromHours(6));
        site.Update();
        return site;
    }
}
