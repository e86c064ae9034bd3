using System.Globalization;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Tests.Export;
using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>HEMS analytics come from the same recomputed past as the CSV export, so the two never disagree.</summary>
public sealed class HemsAnalyticsTests
{
    [Theory]
    [InlineData("consumption", "WorkConsumed")]
    [InlineData("production", "WorkProduced")]
    [InlineData("storage", "WorkBuffered")]
    public async Task A_days_work_adds_up_to_what_the_export_gives_for_that_day(string kind, string tag)
    {
        await using var run = await ExportRun.StartAsync(HemsRun.Home());
        await using var hems = HemsRun.Attach(run.Emulator, run.Clock);
        var day = new DateTimeOffset(2025, 6, 24, 0, 0, 0, TimeSpan.FromHours(2));

        var answer = await hems.GetAsync($"/analytics/{kind}?from=2025-06-24T00:00:00&to=2025-06-24T23:59:59&type=WORK");
        var csv = await run.ExportAsync(ExportRun.Body(day, day.AddDays(1), [(run.Location, tag, null)], resolution: "P1D", zone: "Europe/Berlin"));

        var series = answer["timeseries"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == run.Location + "~" + tag)!;
        var values = series["values"]!.AsObject();
        var exported = csv.Numbers(1).Single();
        Assert.Equal("PT1H", answer["resolution"]!.GetValue<string>());
        Assert.Equal(24, values.Count);
        Assert.Equal("2025-06-24T00:00+02:00", values.First().Key);
        Assert.True(exported > 1000, $"a June day moves more than 1 kWh of {tag}, not {exported} Wh");
        Assert.Equal(exported, series["aggregated"]!.GetValue<double>(), 1.0);
        Assert.Equal(exported, values.Sum(v => v.Value!.GetValue<double>()), 12.0);
    }

    [Fact]
    public async Task A_days_power_is_five_minute_averages_whose_energy_matches_the_days_work()
    {
        await using var run = await HemsRun.StartAsync();
        const string Day = "from=2025-06-24T00:00:00&to=2025-06-24T23:59:59";

        var power = await run.GetAsync($"/analytics/production?{Day}&type=POWER");
        var work = await run.GetAsync($"/analytics/production?{Day}&type=WORK");

        JsonNode Series(JsonNode answer, string name) => answer["timeseries"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;
        var produced = Series(power, "PowerProduced");
        Assert.Equal("PT5M", power["resolution"]!.GetValue<string>());
        Assert.Equal("WATT", produced["unit"]!.GetValue<string>());
        Assert.Equal(288, produced["values"]!.AsObject().Count);
        Assert.True(produced["values"]!.AsObject().Max(v => v.Value!.GetValue<double>()) > 3000, "the June midday peak is above 3 kW");
        Assert.Equal(Series(work, "WorkProduced")["aggregated"]!.GetValue<double>(), produced["aggregated"]!.GetValue<double>(), 25.0);
    }

    [Fact]
    public async Task Rows_after_the_sites_now_have_no_value()
    {
        await using var run = await HemsRun.StartAsync();
        run.AdvanceTo(TimeSpan.FromHours(10));

        var answer = await run.GetAsync("/analytics/consumption?from=2025-06-25T00:00:00&to=2025-06-25T23:59:59&type=POWER");

        var values = answer["timeseries"]![0]!["values"]!.AsObject();
        Assert.All(values.Where(v => string.CompareOrdinal(v.Key, "2025-06-25T10:00+02:00") < 0), v => Assert.NotNull(v.Value));
        Assert.All(values.Where(v => string.CompareOrdinal(v.Key, "2025-06-25T10:00+02:00") >= 0), v => Assert.Null(v.Value));
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public async Task A_year_has_a_row_per_month_at_local_midnight_of_the_first()
    {
        await using var run = await HemsRun.StartAsync();

        var answer = await run.GetAsync("/analytics/production?from=2025-01-01T00:00:00&to=2025-12-31T23:59:59&type=WORK");

        var values = answer["timeseries"]![0]!["values"]!.AsObject();
        Assert.Equal("P1M", answer["resolution"]!.GetValue<string>());
        Assert.Equal(
            Enumerable.Range(1, 12).Select(m => new DateTime(2025, m, 1).ToString("yyyy-MM-dd'T'00:00", CultureInfo.InvariantCulture) + (m is >= 4 and <= 10 ? "+02:00" : "+01:00")),
            values.Select(v => v.Key));
        Assert.True(values["2025-05-01T00:00+02:00"]!.GetValue<double>() > values["2025-01-01T00:00+01:00"]!.GetValue<double>(), "May yields more than January");
    }

    [Fact]
    public async Task Slow_analytics_answer_only_after_the_configured_delay()
    {
        await using var run = await HemsRun.StartAsync(configure: o => o with { HemsAnalyticsDelay = TimeSpan.FromSeconds(15) });

        // July lies after the site's now: nothing to compute, only the wait.
        var pending = run.SendAsync("/analytics/production?from=2025-07-01T00:00:00&to=2025-07-31T23:59:59&type=WORK");
        await Task.Delay(300);
        Assert.False(pending.IsCompleted, "the month answered before its delay");

        // On a loaded machine the server may start its 15 s wait only after a first move of the clock: move it
        // again until the answer comes (it never came without a move above).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!pending.IsCompleted && DateTime.UtcNow < deadline)
        {
            run.Clock.Advance(TimeSpan.FromSeconds(15));
            await Task.WhenAny(pending, Task.Delay(500));
        }

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
