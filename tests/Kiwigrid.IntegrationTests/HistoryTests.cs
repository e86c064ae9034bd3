using Kiwigrid.Client.History;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>The client's history over the emulator's export backend: the home's day, in whole intervals, balanced.</summary>
public class HistoryTests
{
    private static readonly DateTimeOffset MidsummerMidnight = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_finished_day_comes_as_96_balanced_quarter_hours_with_sun_only_by_day()
    {
        // The home started the day before, and the clock stands after the day asked for: every row is in the past.
        await using var home = await EmulatedHome.StartAsync(start: MidsummerMidnight.AddDays(-1));
        home.Clock.Advance(TimeSpan.FromDays(2));
        await using var client = await home.ConnectAsync();

        var history = await client.GetEnergyHistoryAsync(MidsummerMidnight, MidsummerMidnight.AddDays(1), HistoryResolution.FifteenMinutes);

        Assert.Equal(96, history.Rows.Count);
        Assert.Equal(MidsummerMidnight, history.Rows[0].Start);
        Assert.All(history.Rows.Zip(history.Rows.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        var production = history.IndexOf(EnergyHistoryColumns.Production);
        var feedIn = history.IndexOf(EnergyHistoryColumns.GridFeedIn);
        var selfConsumption = history.IndexOf(EnergyHistoryColumns.SelfConsumption);
        var stateOfCharge = history.IndexOf(EnergyHistoryColumns.StateOfCharge);
        foreach (var row in history.Rows)
        {
            Assert.All(row.Values, value => Assert.True(value >= 0, $"{row.Start:HH:mm}: a negative or missing value"));

            // What the PV plant made was used at home, stored, or fed in (the battery never feeds the grid here).
            Assert.Equal(row[production]!.Value, row[selfConsumption]!.Value + row[feedIn]!.Value, 0.02);
            Assert.InRange(row[stateOfCharge]!.Value, 0, 100);
        }

        Assert.Equal(0, history.Rows[0][production]);
        Assert.True(history.Rows[48][production] > 500, "Midday quarter hours of midsummer make well over 500 Wh.");
        Assert.InRange(history.Summarize(production)!.Value, 10_000, 80_000);
    }

    [Fact]
    public async Task Intervals_after_the_home_s_now_have_no_values()
    {
        await using var home = await EmulatedHome.StartAsync(start: MidsummerMidnight.AddHours(-6));
        home.Clock.Advance(TimeSpan.FromHours(12));
        await using var client = await home.ConnectAsync();

        var history = await client.GetEnergyHistoryAsync(MidsummerMidnight, MidsummerMidnight.AddDays(1), HistoryResolution.OneHour);

        Assert.Equal(24, history.Rows.Count);
        Assert.All(history.Rows.Take(6), row => Assert.All(row.Values, value => Assert.NotNull(value)));
        Assert.All(history.Rows.Skip(7), row => Assert.All(row.Values, value => Assert.Null(value)));
    }
}
