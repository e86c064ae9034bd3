using Kiwigrid.Client.Hems;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// Today's cloud's history (analytics) against the 2018 export backend's for the same simulated home and span: the
/// same energy per interval, whichever cloud is asked.
/// </summary>
public class HemsHistoryAgreementTests
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    private static readonly string[] Columns =
    [
        EnergyHistoryColumns.Production, EnergyHistoryColumns.Consumption, EnergyHistoryColumns.GridFeedIn,
        EnergyHistoryColumns.GridPurchase, EnergyHistoryColumns.BatteryCharge, EnergyHistoryColumns.BatteryDischarge,
    ];

    [Fact]
    public async Task A_day_at_5_minutes_and_days_of_a_month_agree_with_the_export_backend()
    {
        var siteStart = new DateTimeOffset(2025, 6, 1, 0, 0, 0, Summer);
        await using var home = await EmulatedHome.StartAsync(start: siteStart);
        home.Clock.Advance(TimeSpan.FromDays(5.5)); // the export recomputes every day it answers: a short month keeps the test quick
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        await using var legacy = new LegacyCloudSource(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions);
        await using var hems = await HemsSiteSource.ConnectAsync(home.Emulator.UserName, home.Emulator.Password, HemsHome.Options(home));

        // 5 min: the API sends whole watts (averages), so a row's Wh may differ by 0.5 W × 5/60 h ≈ 0.042 Wh.
        var day = new DateTimeOffset(2025, 6, 4, 0, 0, 0, Summer);
        var exported = await ((ISiteSource)legacy).GetEnergyHistoryAsync(day, day.AddDays(1), HistoryResolution.FiveMinutes);
        var analysed = await hems.GetEnergyHistoryAsync(day, day.AddDays(1), HistoryResolution.FiveMinutes);
        AssertSame(exported, analysed, 288, 0.05);

        // Days: the API sends whole watt-hours, so a day may differ by 0.5 Wh.
        var first = siteStart.AddDays(1);
        var exportedDays = await legacy.GetEnergyHistoryAsync(first, first.AddDays(4), HistoryResolution.OneDay, berlin, null);
        var analysedDays = await hems.GetEnergyHistoryAsync(first, first.AddDays(4), HistoryResolution.OneDay);
        AssertSame(exportedDays, analysedDays, 4, 0.5);
        Assert.True(analysedDays.Rows[0][analysedDays.IndexOf(EnergyHistoryColumns.Production)] > 10_000, "a June day makes over 10 kWh on 8 kWp");
    }

    [Fact]
    public async Task The_clients_analytics_windows_are_answered_with_every_interval_keyed_by_its_start()
    {
        await using var home = await EmulatedHome.StartAsync(start: new DateTimeOffset(2025, 6, 1, 0, 0, 0, Summer));
        home.Clock.Advance(TimeSpan.FromDays(3));
        await using var client = await HemsHome.ConnectAsync(home);
        var june = new DateOnly(2025, 6, 2);

        var day = (await client.GetAnalyticsAsync(HemsAnalyticsKind.Production, HemsAnalyticsPeriod.DayPower, june))!.Find("PowerProduced")!;
        var month = (await client.GetAnalyticsAsync(HemsAnalyticsKind.Production, HemsAnalyticsPeriod.Month, june))!.Find("WorkProduced")!;

        // to=…T23:59:59 still holds the last interval, which starts at 23:55 (a day) or on the 30th (a month).
        Assert.Equal(288, day.Values.Count);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, Summer), day.Values[0].Key);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 23, 55, 0, Summer), day.Values[^1].Key);
        Assert.Equal(30, month.Values.Count);
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 0, 0, 0, Summer), month.Values[^1].Key);
        Assert.True(month.Values[1].Value > 10_000 && month.Values[10].Value is null, "June 2 is past, June 11 is after the site's now");
    }

    private static void AssertSame(HistoryTable expected, HistoryTable actual, int rows, double tolerance)
    {
        Assert.Equal(rows, expected.Rows.Count);
        Assert.Equal(expected.Rows.Select(r => r.Start), actual.Rows.Select(r => r.Start));
        foreach (var column in Columns)
        {
            var (e, a) = (expected.IndexOf(column), actual.IndexOf(column));
            for (var i = 0; i < rows; i++)
            {
                var (want, got) = (expected.Rows[i][e], actual.Rows[i][a]);
                Assert.True(
                    want is { } w && got is { } g && Math.Abs(w - g) <= tolerance,
                    $"{column} at {expected.Rows[i].Start:yyyy-MM-dd HH:mm}: export {want}, HEMS {got}");
            }
        }
    }
}
