using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Tests.Sites;

public class SimulatedSiteEnergyTests
{
    private static readonly string[] Flows =
    [
        "Produced", "Consumed", "ConsumedFromGrid", "ConsumedFromProducers", "ConsumedFromStorage", "In", "Out",
        "OutFromProducers", "OutFromStorage", "Buffered", "BufferedFromGrid", "BufferedFromProducers", "Released",
        "SelfConsumed", "SelfSupplied",
    ];

    public static TheoryData<int, int, int> SeasonsAndSeeds()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var month in new[] { 6, 12 })
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                data.Add(month, 21, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeasonsAndSeeds))]
    public void Every_step_of_a_day_keeps_the_balance_the_soc_bounds_and_counters_that_integrate_the_powers(int month, int day, int seed)
    {
        var run = new SiteClock(SiteClock.At(Midnight(month, day), seed));
        var step = run.Options.StepLength;
        var before = Read(run, "Work");

        for (var i = 0; i < 24 * 60; i++)
        {
            run.Advance(step);
            var p = Read(run, "Power");
            var w = Read(run, "Work");

            AssertIdentities(p, 1e-6);
            AssertIdentities(w, 1e-6);
            Assert.Equal(0, p["BufferedFromGrid"]);
            Assert.Equal(0, p["OutFromStorage"]);
            foreach (var flow in Flows)
            {
                Assert.True(p[flow] >= 0, $"Power{flow} = {p[flow]}");
                var expected = before[flow] + (p[flow] * step.TotalHours);
                Assert.True(Math.Abs(w[flow] - expected) < 1e-6, $"Work{flow} {w[flow]} should be {expected} after step {i}");
            }

            var soc = run.Number(run.Site.BatteryGuid, "StateOfCharge");
            Assert.InRange(soc, run.Options.MinimumStateOfCharge, 100);

            var midpoint = run.Site.SimulatedNow - (step / 2);
            if (SolarPosition.At(run.Options.Latitude, run.Options.Longitude, midpoint).ElevationDegrees <= 0)
            {
                Assert.Equal(0, p["Produced"]);
            }

            Assert.Equal(p["In"], run.Number(run.GuidOf("BatteryFlexPowermeter"), "PowerIn"));
            before = w;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_clear_june_day_yields_35_to_60_kWh_and_peaks_at_solar_noon(int seed)
    {
        // No curtailment here, so the production curve shows the sun's course undistorted.
        var run = new SiteClock(SiteClock.At(Midnight(6, 21), seed) with { Cloudiness = 0, FeedInLimitFraction = 1 });
        var start = run.Location("WorkProduced");
        var peak = (Power: 0.0, At: DateTimeOffset.MinValue);
        for (var i = 0; i < 24 * 60; i++)
        {
            run.Advance(run.Options.StepLength);
            if (run.Location("PowerProduced") > peak.Power)
            {
                peak = (run.Location("PowerProduced"), run.Site.SimulatedNow);
            }
        }

        Assert.InRange((run.Location("WorkProduced") - start) / 1000, 35, 60);
        Assert.InRange(peak.Power, 5500, 8000);
        var solarNoonUtc = new DateTimeOffset(2025, 6, 21, 11, 3, 0, TimeSpan.Zero); // 12:00 − 13.74° × 4 min + 1.6 min
        Assert.InRange(peak.At.UtcDateTime, solarNoonUtc.AddMinutes(-20).UtcDateTime, solarNoonUtc.AddMinutes(20).UtcDateTime);
    }

    [Theory]
    [MemberData(nameof(SeasonsAndSeeds))]
    public void Daily_totals_look_like_a_real_home(int month, int day, int seed)
    {
        var run = new SiteClock(SiteClock.At(Midnight(month, day), seed));
        var ev = run.Site.EvStationGuid!;
        var produced = run.Location("WorkProduced");
        var house = run.Location("WorkConsumed") - run.Number(ev, "WorkACIn");

        run.Advance(TimeSpan.FromDays(1));

        var pv = (run.Location("WorkProduced") - produced) / 1000;
        var load = (run.Location("WorkConsumed") - run.Number(ev, "WorkACIn") - house) / 1000;
        if (month == 6)
        {
            Assert.InRange(pv, 20, 60);
        }
        else
        {
            Assert.InRange(pv, 3, 12);
        }

        Assert.InRange(load, 8, 14);
    }

    [Fact]
    public void A_year_in_one_update_is_covered_with_bounded_work_and_yields_about_950_kWh_per_kWp()
    {
        var run = new SiteClock(SiteClock.At(Midnight(1, 1)));
        var produced = run.Location("WorkProduced");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        run.Advance(TimeSpan.FromDays(365));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"a year took {watch.Elapsed}");
        Assert.InRange(run.Site.SimulatedNow, Midnight(1, 1).AddDays(365).AddHours(-1), Midnight(1, 1).AddDays(365));
        var specificYield = (run.Location("WorkProduced") - produced) / run.Options.PvPeakPower;
        Assert.InRange(specificYield, 800, 1150);
        AssertIdentities(Read(run, "Work"), 1e-6);
    }

    [Fact]
    public void A_simulated_day_computes_in_well_under_a_second()
    {
        var run = new SiteClock(SiteClock.At(Midnight(6, 21)) with { StepLength = TimeSpan.FromSeconds(10) });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        run.Advance(TimeSpan.FromDays(1));

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"a day took {watch.Elapsed}");
        Assert.Equal(Midnight(6, 22), run.Site.SimulatedNow);
    }

    internal static DateTimeOffset Midnight(int month, int day) =>
        new(2025, month, day, 0, 0, 0, TimeSpan.FromHours(month is > 3 and < 11 ? 2 : 1));

    private static Dictionary<string, double> Read(SiteClock run, string prefix) =>
        Flows.ToDictionary(flow => flow, flow => run.Location(prefix + flow));

    private static void AssertIdentities(Dictionary<string, double> f, double tolerance)
    {
        var scale = Math.Max(1, f["Consumed"]) * tolerance;
        Assert.Equal(f["Produced"], f["ConsumedFromProducers"] + f["BufferedFromProducers"] + f["OutFromProducers"], scale);
        Assert.Equal(f["Consumed"], f["ConsumedFromProducers"] + f["ConsumedFromGrid"] + f["ConsumedFromStorage"], scale);
        Assert.Equal(f["Buffered"], f["BufferedFromGrid"] + f["BufferedFromProducers"], scale);
        Assert.Equal(f["In"], f["ConsumedFromGrid"] + f["BufferedFromGrid"], scale);
        Assert.Equal(f["Out"], f["OutFromProducers"] + f["OutFromStorage"], scale);
        Assert.Equal(f["Released"], f["ConsumedFromStorage"] + f["OutFromStorage"], scale);
        Assert.Equal(f["SelfConsumed"], f["ConsumedFromProducers"] + f["BufferedFromProducers"], scale);
        Assert.Equal(f["SelfSupplied"], f["ConsumedFromProducers"] + f["ConsumedFromStorage"], scale);
        Assert.Equal(f["Produced"] + f["In"] + f["Released"], f["Consumed"] + f["Buffered"] + f["Out"], scale);
    }
}
