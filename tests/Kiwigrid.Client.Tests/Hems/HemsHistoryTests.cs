using Kiwigrid.Client.Hems;
using Kiwigrid.Client.History;

namespace Kiwigrid.Client.Tests.Hems;

/// <summary>The analytics fixtures as the library's energy history: Wh per row, % for the state of charge.</summary>
public sealed class HemsHistoryTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    private static HemsAnalytics Analytics(string file) => HemsFixtureTests.Object(Path.Combine("analytics", file), HemsAnalytics.Read);

    private static HistoryTable Table(HistoryResolution resolution, HemsAnalyticsPeriod period, DateTimeOffset first, DateTimeOffset until, params string[] files) =>
        HemsHistory.ToTable([.. files.Select(Analytics)], first, until, new IntervalGrid(resolution, Berlin), period);

    [Fact]
    public void A_days_power_becomes_wh_per_five_minutes()
    {
        var first = new DateTimeOffset(2026, 7, 3, 20, 5, 0, Summer);

        var table = Table(HistoryResolution.FiveMinutes, HemsAnalyticsPeriod.DayPower, first, first.AddMinutes(10), "production-day.json");

        Assert.Equal(HistoryResolution.FiveMinutes, table.Resolution);
        Assert.Equal(2, table.Rows.Count);
        var production = table.IndexOf(EnergyHistoryColumns.Production);
        Assert.Equal("Wh", table.Columns[production].Unit);
        Assert.Equal(445 / 12.0, table.Rows[0][production]!.Value, 6);
        Assert.Equal(381 / 12.0, table.Rows[1][production]!.Value, 6);
        Assert.Equal((445 + 381) / 12.0, table.Summarize(production)!.Value, 6);
        Assert.Null(table.Rows[0][table.IndexOf(EnergyHistoryColumns.GridFeedIn)]);
        Assert.Equal(6 / 12.0, table.Rows[1][table.IndexOf(EnergyHistoryColumns.GridFeedIn)]!.Value, 6);
        Assert.Equal((381 - 6) / 12.0, table.Rows[1][table.IndexOf(EnergyHistoryColumns.SelfConsumption)]!.Value, 6);
        Assert.Equal(first.AddMinutes(5), table.Rows[0].End);
    }

    [Fact]
    public void Series_of_other_devices_stay_out_of_the_site_columns()
    {
        var first = new DateTimeOffset(2026, 7, 5, 17, 0, 0, Summer);

        // The plugs' WorkIn is their consumption, not the site's grid purchase.
        var table = Table(HistoryResolution.OneHour, HemsAnalyticsPeriod.Day, first, first.AddHours(1), "consumption-work-day.json");

        Assert.Equal(647, table.Rows[0][table.IndexOf(EnergyHistoryColumns.Consumption)]);
        Assert.Null(table.Rows[0][table.IndexOf(EnergyHistoryColumns.GridPurchase)]);
        Assert.Equal("e34b5f52-bf2a-43b5-a2fb-caf2ed624624", table.Columns[0].Sources[0].Guid);
    }

    [Fact]
    public void Null_values_leave_the_row_empty()
    {
        var first = new DateTimeOffset(2026, 7, 3, 23, 5, 0, Summer);

        var table = Table(HistoryResolution.FiveMinutes, HemsAnalyticsPeriod.DayPower, first, first.AddMinutes(15), "consumption-day.json");

        var consumption = table.IndexOf(EnergyHistoryColumns.Consumption);
        Assert.Equal(688 / 12.0, table.Rows[0][consumption]!.Value, 6);
        Assert.Equal(659 / 12.0, table.Rows[1][consumption]!.Value, 6);
        Assert.Null(table.Rows[2][consumption]);
        Assert.Equal(13 / 12.0, table.Rows[0][table.IndexOf(EnergyHistoryColumns.GridPurchase)]!.Value, 6);
    }

    [Fact]
    public void The_state_of_charge_is_a_percentage_averaged_over_the_row()
    {
        var first = new DateTimeOffset(2026, 7, 3, 23, 0, 0, Summer);

        var table = Table(HistoryResolution.OneHour, HemsAnalyticsPeriod.DayPower, first, first.AddHours(1), "storage-day.json");

        var soc = table.IndexOf(EnergyHistoryColumns.StateOfCharge);
        Assert.Equal(("%", HistoryAggregation.TimeWeightedAverage), (table.Columns[soc].Unit, table.Columns[soc].Aggregation));
        Assert.Equal(39, table.Rows[0][soc]);
    }

    [Fact]
    public void A_months_energy_gives_one_row_a_day()
    {
        var first = new DateTimeOffset(2026, 7, 1, 0, 0, 0, Summer);
        var until = new DateTimeOffset(2026, 8, 1, 0, 0, 0, Summer);

        var table = Table(HistoryResolution.OneDay, HemsAnalyticsPeriod.Month, first, until, "production-month.json", "storage-month.json");

        Assert.Equal(HistoryResolution.OneDay, table.Resolution);
        Assert.Equal(31, table.Rows.Count);
        Assert.Equal(37728, table.Rows[3][table.IndexOf(EnergyHistoryColumns.Production)]);
        Assert.Equal(14798, table.Rows[3][table.IndexOf(EnergyHistoryColumns.GridFeedIn)]);
        Assert.Equal(11163, table.Rows[3][table.IndexOf(EnergyHistoryColumns.BatteryCharge)]);
        Assert.Equal(7267, table.Rows[7][table.IndexOf(EnergyHistoryColumns.BatteryDischarge)]);
        Assert.Equal(37728, table.Summarize(table.IndexOf(EnergyHistoryColumns.Production)));
    }

    [Fact]
    public async Task The_client_asks_each_day_of_the_span_for_its_power()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        var start = new DateTimeOffset(2026, 7, 3, 0, 0, 0, Summer);

        var table = await client.GetEnergyHistoryAsync(start, start.AddDays(1), HistoryResolution.FiveMinutes);

        Assert.Equal(288, table.Rows.Count);
        Assert.Equal(3, cloud.ApiRequests.Count);
        Assert.All(cloud.ApiRequests, r => Assert.Contains("from=2026-07-03T00:00:00&to=2026-07-03T23:59:59&type=POWER", r, StringComparison.Ordinal));
        Assert.Equal((445 + 381) / 12.0, table.Summarize(table.IndexOf(EnergyHistoryColumns.Production))!.Value, 6);
    }

    [Fact]
    public async Task Quarter_hours_are_answered_by_the_hour_the_api_keeps()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        var start = new DateTimeOffset(2026, 7, 5, 0, 0, 0, Summer);

        var table = await client.GetEnergyHistoryAsync(start, start.AddDays(1), HistoryResolution.FifteenMinutes);

        Assert.Equal(HistoryResolution.OneHour, table.Resolution);
        Assert.Equal(24, table.Rows.Count);
        Assert.Contains(cloud.ApiRequests, r => r.Contains("type=WORK", StringComparison.Ordinal));
    }
}
