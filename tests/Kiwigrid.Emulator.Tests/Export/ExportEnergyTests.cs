using System.Diagnostics;

namespace Kiwigrid.Emulator.Tests.Export;

/// <summary>The exported history obeys the live site's physics: balances per row, a plausible sun, a battery that moves.</summary>
public sealed class ExportEnergyTests
{
    private static readonly string[] LocationCounters =
    [
        "WorkConsumed", "WorkConsumedFromProducers", "WorkConsumedFromGrid", "WorkConsumedFromStorage",
        "WorkProduced", "WorkOutFromProducers", "WorkBufferedFromProducers",
        "WorkBuffered", "WorkReleased", "WorkIn", "WorkOut",
    ];

    [Theory]
    [InlineData(2025, 6, 21)]
    [InlineData(2024, 12, 21)]
    [InlineData(2025, 3, 30)]
    public async Task Every_row_keeps_the_energy_balance_of_the_location(int year, int month, int day)
    {
        await using var run = await ExportRun.StartAsync();
        var from = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var columns = LocationCounters.Select(tag => (run.Location, tag, (string?)null)).ToList();
        columns.Add((run.PvPlant, "WorkACOut", null));
        columns.Add((run.Battery, "WorkACIn", null));
        columns.Add((run.Battery, "WorkACOut", null));
        var csv = await run.ExportAsync(ExportRun.Body(from, from.AddDays(1), columns, precision: 2));
        double[] Col(string tag) => csv.Numbers(1 + LocationCounters.ToList().IndexOf(tag));

        var consumed = Col("WorkConsumed");
        var produced = Col("WorkProduced");
        var pv = csv.Numbers(LocationCounters.Length + 1);
        var batteryIn = csv.Numbers(LocationCounters.Length + 2);
        var batteryOut = csv.Numbers(LocationCounters.Length + 3);
        const double Rounding = 0.021;
        for (var row = 0; row < csv.Rows.Length; row++)
        {
            var at = csv.Times[row];
            Assert.Equal(consumed[row], Col("WorkConsumedFromProducers")[row] + Col("WorkConsumedFromGrid")[row] + Col("WorkConsumedFromStorage")[row], Rounding);
            Assert.Equal(produced[row], Col("WorkConsumedFromProducers")[row] + Col("WorkOutFromProducers")[row] + Col("WorkBufferedFromProducers")[row], Rounding);
            Assert.Equal(produced[row] + Col("WorkIn")[row] + Col("WorkReleased")[row], consumed[row] + Col("WorkBuffered")[row] + Col("WorkOut")[row], 0.04);
            Assert.Equal(produced[row], pv[row], 0.011);
            Assert.Equal(Col("WorkBuffered")[row], batteryIn[row], 0.011);
            Assert.Equal(Col("WorkReleased")[row], batteryOut[row], 0.011);
            Assert.True(consumed[row] > 0, $"{at}: the house always draws power");
            Assert.All(csv.Rows[row][1..], cell => Assert.DoesNotContain("-", cell, StringComparison.Ordinal));

            // A quarter hour of the 8 kWp plant yields at most 2 kWh.
            Assert.InRange(produced[row], 0, 2_000);
        }
    }

    [Fact]
    public async Task A_sunny_june_day_yields_what_the_plant_can_and_nothing_at_night()
    {
        await using var run = await ExportRun.StartAsync(ExportRun.Home(h => h with { Cloudiness = 0 }));
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(2));
        var csv = await run.ExportAsync(ExportRun.Body(from, from.AddDays(1), [(run.PvPlant, "WorkACOut", null)], zone: "Europe/Berlin"));
        var yield = csv.Numbers(1);

        // 8 kWp on a clear midsummer day, curtailed at 70 % feed-in: 35–60 kWh; the day's peak around solar noon.
        Assert.InRange(yield.Sum(), 35_000, 60_000);
        for (var row = 0; row < csv.Rows.Length; row++)
        {
            var hour = int.Parse(csv.Times[row][11..13], System.Globalization.CultureInfo.InvariantCulture);
            if (hour < 4 || hour >= 22)
            {
                Assert.True(yield[row] == 0, $"{csv.Times[row]}: {yield[row]} Wh at night");
            }
            else if (hour is >= 10 and < 15)
            {
                Assert.InRange(yield[row], 800, 2_000);
            }
        }
    }

    [Fact]
    public async Task The_state_of_charge_stays_in_range_and_rises_while_charging_and_falls_while_discharging()
    {
        await using var run = await ExportRun.StartAsync();
        var from = new DateTimeOffset(2025, 6, 20, 0, 0, 0, TimeSpan.Zero);
        var csv = await run.ExportAsync(ExportRun.Body(from, from.AddDays(2),
            [(run.Battery, "StateOfCharge", "TWA"), (run.Battery, "WorkACIn", null), (run.Battery, "WorkACOut", null)]));
        var soc = csv.Numbers(1);
        var charged = csv.Numbers(2);
        var discharged = csv.Numbers(3);

        Assert.All(soc, value => Assert.InRange(value, 0, 100));
        var (rising, falling) = (0, 0);
        for (var row = 0; row + 1 < soc.Length; row++)
        {
            if (charged[row] > 50 && charged[row + 1] > 50)
            {
                Assert.True(soc[row + 1] > soc[row], $"{csv.Times[row + 1]}: charging but SoC {soc[row]} → {soc[row + 1]}");
                rising++;
            }

            if (discharged[row] > 50 && discharged[row + 1] > 50)
            {
                Assert.True(soc[row + 1] < soc[row], $"{csv.Times[row + 1]}: discharging but SoC {soc[row]} → {soc[row + 1]}");
                falling++;
            }
        }

        Assert.True(rising > 8 && falling > 8, $"{rising} charging and {falling} discharging quarter hours");
        Assert.True(soc.Max() - soc.Min() > 30, "a summer day cycles the battery");
    }

    [Fact]
    public async Task Where_the_site_has_run_the_history_retraces_its_live_values()
    {
        // Speed 60: the fake clock's 24 minutes are the site's day.
        await using var run = await ExportRun.StartAsync(ExportRun.Home(h => h with { SpeedFactor = 60 }));
        string[] counters = ["WorkProduced", "WorkConsumed", "WorkConsumedFromGrid", "WorkBufferedFromProducers", "WorkReleased"];
        var atStart = counters.Select(tag => LiveNumber(run, run.Location, tag)).ToArray();
        var socAtStart = LiveNumber(run, run.Battery, "StateOfCharge");
        run.Clock.Advance(TimeSpan.FromMinutes(24));
        run.Site.Update();
        Assert.Equal(ExportRun.SiteStart.AddDays(1), run.Site.SimulatedNow);

        var columns = counters.Select(tag => (run.Location, tag, (string?)null)).Append((run.Battery, "StateOfCharge", "TWA")).ToList();
        var csv = await run.ExportAsync(ExportRun.Body(ExportRun.SiteStart, ExportRun.SiteStart.AddDays(2), columns, precision: 3));

        // The day after the site's now is still to come.
        Assert.Equal(192, csv.Rows.Length);
        Assert.All(csv.Rows[96..], row => Assert.All(row[1..], cell => Assert.Equal("---", cell)));

        // The battery's state depends on the whole path, so these match only if the history retraces the live run.
        var day = new Csv(csv.Text, csv.Header, csv.Rows[..96]);
        for (var c = 0; c < counters.Length; c++)
        {
            Assert.Equal(LiveNumber(run, run.Location, counters[c]) - atStart[c], day.Numbers(c + 1).Sum(), 0.05);
        }

        Assert.Equal(socAtStart, day.Numbers(counters.Length + 1)[0], 1.0);
        Assert.Equal(LiveNumber(run, run.Battery, "StateOfCharge"), day.Numbers(counters.Length + 1)[^1], 1.0);
    }

    [Fact]
    public async Task A_site_with_a_run_up_arrives_at_its_start_where_the_history_of_the_run_up_leads()
    {
        // Two sites with the same seed and start; one has already run the day before. What the run-up added to its
        // counters is exactly what the export reports for that day, and its battery starts where the history ends.
        var runUp = TimeSpan.FromDays(1);
        await using var fresh = await ExportRun.StartAsync(ExportRun.Home());
        await using var run = await ExportRun.StartAsync(ExportRun.Home(h => h with { RunUp = runUp }));
        string[] counters = ["WorkProduced", "WorkConsumed", "WorkOutFromProducers", "WorkBufferedFromGrid", "WorkReleased"];
        var columns = counters.Select(tag => (run.Location, tag, (string?)null)).Append((run.Battery, "StateOfCharge", "TWA")).ToList();

        var csv = await run.ExportAsync(ExportRun.Body(ExportRun.SiteStart - runUp, ExportRun.SiteStart, columns, precision: 3));

        Assert.Equal(96, csv.Rows.Length);
        for (var c = 0; c < counters.Length; c++)
        {
            var addedByRunUp = LiveNumber(run, run.Location, counters[c]) - LiveNumber(fresh, fresh.Location, counters[c]);
            Assert.Equal(addedByRunUp, csv.Numbers(c + 1).Sum(), 0.05);
        }

        Assert.True(csv.Numbers(1).Sum() > 10_000, "the run-up day (24 June) produced solar energy");
        Assert.Equal(LiveNumber(run, run.Battery, "StateOfCharge"), csv.Numbers(counters.Length + 1)[^1], 1.0);
        Assert.NotEqual(LiveNumber(fresh, fresh.Battery, "StateOfCharge"), LiveNumber(run, run.Battery, "StateOfCharge"));
    }

    [Fact]
    public async Task The_interval_holding_the_sites_now_covers_the_part_that_has_happened()
    {
        await using var run = await ExportRun.StartAsync(ExportRun.Home(h => h with { SpeedFactor = 60 }));
        run.Clock.Advance(TimeSpan.FromSeconds(75)); // 75 simulated minutes
        var csv = await run.ExportAsync(ExportRun.Body(ExportRun.SiteStart, ExportRun.SiteStart.AddHours(2), [(run.Location, "WorkConsumed", null)], resolution: "PT30M"));

        Assert.Equal(4, csv.Rows.Length);
        Assert.Equal("---", csv.Rows[3][1]);
        var consumed = csv.Rows[..3].Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(consumed, wh => Assert.True(wh > 0));

        // 15 of the third row's 30 minutes have happened: about half a full interval's consumption, not all of it.
        Assert.InRange(consumed[2], 0.2 * consumed[1], 0.9 * Math.Max(consumed[0], consumed[1]));
    }

    [Fact]
    public async Task The_same_request_gives_the_same_bytes_and_a_day_takes_well_under_a_second()
    {
        await using var run = await ExportRun.StartAsync();
        await using var twin = await ExportRun.StartAsync();
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(2));
        var body = ExportRun.Body(from, from.AddDays(1),
            [(run.Location, "WorkConsumedFromGrid", null), (run.Location, "WorkProduced", null), (run.Battery, "StateOfCharge", "TWA")],
            zone: "Europe/Berlin", precision: 6);

        var watch = Stopwatch.StartNew();
        var first = await run.ExportAsync(body);
        var elapsed = watch.Elapsed;
        var second = await run.ExportAsync(body);
        var fromTwin = await twin.ExportAsync(body);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Text, fromTwin.Text);

        // Generous for a shared test machine; typically a few tens of milliseconds.
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"one day at PT15M took {elapsed}");
    }

    private static double LiveNumber(ExportRun run, string guid, string tag) =>
        double.Parse(run.Site.Devices.GetValue(guid, tag)!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
