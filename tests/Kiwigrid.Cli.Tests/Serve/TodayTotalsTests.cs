using System.Globalization;
using System.Text.Json;
using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// Today's energy totals: the cloud's history from midnight up to the first reading plus the Location's counters
/// since, or the counters alone from the first reading when there is no history.
/// </summary>
public sealed class TodayTotalsTests
{
    // serve's clock runs in UTC, so its day starts at 00:00Z; its first reading is at 10:00Z.
    private static readonly DateTimeOffset Midnight = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);

    // serve's API gives each counter to a tenth of a Wh: a difference of two is off by up to 0.1, a sum of two by 0.2.
    private const double CountersTolerance = 0.3;

    [Fact]
    public async Task With_history_today_is_the_exports_morning_plus_the_location_counters_increase_since_the_first_reading()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();
        await using var client = await KiwigridClient.ConnectAsync("demo@example.com", "demo", KiwigridClientOptions.ForServer(new Uri(served.Server)) with { TimeProvider = served.Clock });
        var atFirst = await LocationAsync(served);
        await ServedHome.WaitAsync(async () => (await TodayAsync(served)).GetProperty("wholeDay").GetBoolean(), "the morning's history to count");

        var export = await client.GetEnergyHistoryAsync(Midnight, ServedHome.FirstReading, HistoryResolution.FifteenMinutes);
        double Morning(string column) => export.Rows.Sum(r => r[export.IndexOf(column)] ?? 0);
        var today = await TodayAsync(served);
        Assert.Equal(Midnight, today.GetProperty("from").GetDateTimeOffset());
        Assert.True(Morning(EnergyHistoryColumns.Production) > 1000, "the morning had sun");
        Assert.Equal(Morning(EnergyHistoryColumns.Production), Wh(today, "producedWh"), 0.05);
        Assert.Equal(Morning(EnergyHistoryColumns.Consumption), Wh(today, "consumedWh"), 0.05);

        // Half an hour of simulated time later.
        await served.AdvancePollsAsync(6);
        var now = await LocationAsync(served);
        double Since(params string[] tags) => tags.Sum(t => now[t] - atFirst[t]);
        today = await TodayAsync(served);
        Assert.True(Since(TagNames.WorkProduced) > 100, "the sun shone since the first reading");
        Assert.Equal(Morning(EnergyHistoryColumns.Production) + Since(TagNames.WorkProduced), Wh(today, "producedWh"), CountersTolerance);
        Assert.Equal(Morning(EnergyHistoryColumns.Consumption) + Since(TagNames.WorkConsumed), Wh(today, "consumedWh"), CountersTolerance);
        Assert.Equal(Morning(EnergyHistoryColumns.BatteryCharge) + Since("WorkBuffered"), Wh(today, "chargedWh"), CountersTolerance);
        Assert.Equal(Morning(EnergyHistoryColumns.BatteryDischarge) + Since("WorkReleased"), Wh(today, "dischargedWh"), CountersTolerance);
        var bought = Morning(EnergyHistoryColumns.GridPurchase) + Since("WorkConsumedFromGrid", "WorkBufferedFromGrid");
        var fedIn = Morning(EnergyHistoryColumns.GridFeedIn) + Since("WorkOutFromProducers", "WorkOutFromStorage");
        Assert.Equal(bought, Wh(today, "boughtWh"), CountersTolerance);
        Assert.Equal(fedIn, Wh(today, "fedInWh"), CountersTolerance);
        Assert.Equal(100 * (1 - (bought / Wh(today, "consumedWh"))), Wh(today, "selfSufficiencyPercent"), CountersTolerance);
        var selfConsumed = Morning(EnergyHistoryColumns.SelfConsumption) + Since("WorkSelfConsumed");
        Assert.Equal(100 * selfConsumed / Wh(today, "producedWh"), Wh(today, "selfConsumptionPercent"), CountersTolerance);

        // A dashboard gets the same totals with the snapshot in its hello.
        var hello = await served.HelloAsync();
        Assert.Equal(today.GetRawText(), hello.GetProperty("snapshot").GetProperty("flow").GetProperty("today").GetRawText());
    }

    [Fact]
    public async Task On_the_LAN_the_totals_count_from_the_first_reading_and_say_so()
    {
        await using var served = await ServedHome.StartAsync(server => ["--local", server]);
        await served.WaitForFirstSnapshotAsync();
        var atFirst = await LocationAsync(served);
        var flow = await served.GetJsonAsync("api/energy-flow");
        var today = flow.GetProperty("today");
        Assert.False(today.GetProperty("wholeDay").GetBoolean());
        Assert.Equal(flow.GetProperty("time").GetDateTimeOffset(), today.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(0, Wh(today, "producedWh"));
        Assert.Equal(JsonValueKind.Null, today.GetProperty("selfConsumptionPercent").ValueKind);

        await served.AdvancePollsAsync(3);
        var now = await LocationAsync(served);
        var later = await TodayAsync(served);
        Assert.False(later.GetProperty("wholeDay").GetBoolean());
        Assert.Equal(today.GetProperty("from").GetString(), later.GetProperty("from").GetString());
        var produced = now[TagNames.WorkProduced] - atFirst[TagNames.WorkProduced];
        Assert.True(produced > 0, "the sun shone since the first reading");
        Assert.Equal(produced, Wh(later, "producedWh"), CountersTolerance);
        Assert.Equal(now[TagNames.WorkConsumed] - atFirst[TagNames.WorkConsumed], Wh(later, "consumedWh"), CountersTolerance);
    }

    [Fact]
    public void The_first_reading_of_a_new_day_starts_it_afresh_and_the_old_days_history_is_not_counted()
    {
        var today = new TodayEnergy(TimeZoneInfo.Utc);
        var evening = Midnight.AddHours(23.9);
        today.Add(Reading(evening, produced: 1000, consumedFromGrid: 50));
        today.Add(Reading(evening.AddMinutes(5), produced: 1200, consumedFromGrid: 80));
        Assert.Equal(new EnergyTotals(200, 30, 30, 0, 0, 0, 0), today.Current()!.Energy);

        var nextDay = Midnight.AddDays(1).AddSeconds(3);
        today.Add(Reading(nextDay, produced: 1210, consumedFromGrid: 90));
        var fresh = today.Current()!;
        Assert.Equal(nextDay, fresh.From);
        Assert.False(fresh.WholeDay);
        Assert.Equal(default(EnergyTotals), fresh.Energy);

        // A history asked for the previous day's first reading arrives late: it belongs to no day held.
        Assert.False(today.AddEarlier(new EarlierEnergy(Midnight, evening, new EnergyTotals(5000, 0, 0, 0, 0, 0, 0))));
        today.Add(Reading(nextDay.AddMinutes(5), produced: 1215, consumedFromGrid: 100));
        Assert.Equal(new EnergyTotals(5, 10, 10, 0, 0, 0, 0), today.Current()!.Energy);
    }

    [Fact]
    public void A_counter_that_goes_back_or_goes_missing_costs_that_step_and_no_total_turns_negative()
    {
        var today = new TodayEnergy(TimeZoneInfo.Utc);
        var first = Midnight.AddHours(10);
        today.Add(Reading(first, produced: 5_000_000, consumedFromGrid: 700));
        Assert.True(today.AddEarlier(new EarlierEnergy(Midnight, first, new EnergyTotals(3000, 2000, 400, 1000, 0, 0, 2000))));
        Assert.False(today.AddEarlier(new EarlierEnergy(Midnight, first, new EnergyTotals(3000, 2000, 400, 1000, 0, 0, 2000))));

        // The Energy Manager's counters restart from zero (a replaced meter, a reset).
        today.Add(Reading(first.AddMinutes(1), produced: 10, consumedFromGrid: 0));
        var reset = today.Current()!;
        Assert.Equal(new EnergyTotals(3000, 2000, 400, 1000, 0, 0, 2000), reset.Energy);
        Assert.True(reset.WholeDay);
        Assert.Equal(Midnight, reset.From);

        // They grow again from there; a reading without the production counter counts none of it, and the next one
        // counts from the last value it had.
        today.Add(Reading(first.AddMinutes(2), produced: 30, consumedFromGrid: 5));
        today.Add(Reading(first.AddMinutes(3), produced: null, consumedFromGrid: 7));
        today.Add(Reading(first.AddMinutes(4), produced: 45, consumedFromGrid: 9));
        var energy = today.Current()!.Energy;
        Assert.Equal(new EnergyTotals(3035, 2009, 409, 1000, 0, 0, 2000), energy);
        Assert.Equal(100 * (1 - (409.0 / 2009)), energy.SelfSufficiencyPercent!.Value, 9);
        Assert.Equal(100 * 2000.0 / 3035, energy.SelfConsumptionPercent!.Value, 9);
    }

    [Fact]
    public void The_history_counts_every_row_before_the_first_reading_and_nothing_when_it_has_no_values()
    {
        var columns = new[] { Energy(EnergyHistoryColumns.Production), Energy(EnergyHistoryColumns.GridPurchase), Energy(EnergyHistoryColumns.Consumption) };
        var start = Midnight.AddHours(9);
        HistoryRow Row(int quarter, params double?[] values) => new(start.AddMinutes(15 * quarter), start.AddMinutes(15 * (quarter + 1)), values);

        // The first reading at 09:40: the quarter from 09:30 counts as far as the backend has it, later ones not.
        var table = new HistoryTable(HistoryResolution.FifteenMinutes, columns, [Row(0, 100, 20, 50), Row(1, null, null, null), Row(2, 40, 5, 30), Row(3, 9, 9, 9)]);
        Assert.Equal(new EnergyTotals(140, 80, 25, 0, 0, 0, 0), EnergyTotals.FromEnergyHistory(table, start.AddMinutes(40)));

        var empty = new HistoryTable(HistoryResolution.FifteenMinutes, columns, [Row(0, null, null, null), Row(1, null, null, null)]);
        Assert.Null(EnergyTotals.FromEnergyHistory(empty, start.AddMinutes(40)));
    }

    private static async Task<JsonElement> TodayAsync(ServedHome served) => (await served.GetJsonAsync("api/energy-flow")).GetProperty("today");

    private static double Wh(JsonElement today, string name) => today.GetProperty(name).GetDouble();

    /// <summary>
    /// The Location's numbers in serve's latest reading, the one its totals were computed from. Read from serve, not the
    /// emulator: the clock may have moved on since that poll, and the emulator's counters with it.
    /// </summary>
    private static async Task<Dictionary<string, double>> LocationAsync(ServedHome served)
    {
        var location = (await served.GetJsonAsync("api/devices")).EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "Location");
        var tags = (await served.GetJsonAsync("api/devices/" + Uri.EscapeDataString(location.GetProperty("guid").GetString()!))).GetProperty("tags");
        return tags.EnumerateObject().Where(t => t.Value.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(t => t.Name, t => t.Value.GetProperty("value").GetDouble(), StringComparer.Ordinal);
    }

    private static HistoryColumn Energy(string label) => new(label, "Wh", HistoryAggregation.Increase, new HistoryDeviceTags("loc", label.Replace(" ", "", StringComparison.Ordinal)));

    /// <summary>A reading of a site whose Location reports production and grid consumption counters, measured at <paramref name="at"/>.</summary>
    private static SiteReading Reading(DateTimeOffset at, double? produced, double consumedFromGrid)
    {
        var tags = new Dictionary<string, double?>
        {
            [TagNames.WorkProduced] = produced,
            ["WorkConsumedFromGrid"] = consumedFromGrid,
            ["WorkBufferedFromGrid"] = 0,
        };
        var location = new Device(
            "urn:kiwigrid:location:ERC05-000012345:0",
            [DeviceClassNames.Device, DeviceClassNames.Location],
            tags.Where(t => t.Value is not null).ToDictionary(
                t => t.Key,
                t => new TagValue(t.Key, JsonDocument.Parse(t.Value!.Value.ToString(CultureInfo.InvariantCulture)).RootElement.Clone(), at)));
        return SiteReading.From(new DeviceSnapshot(at, [location], [], IsFirst: false, AfterReconnect: false));
    }
}
