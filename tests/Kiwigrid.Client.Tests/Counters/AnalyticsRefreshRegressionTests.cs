using Kiwigrid.Client.Counters;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>
/// The public Home Assistant integration added a whole year's grid import (3,000 kWh) to its total several times within
/// a few days (thokaro/solarwatt-manager-homeassistant issue #13): an aggregate answer was added again at each refresh.
/// Here a site refreshes from its month answers every hour and after each of many restarts; the counter takes the
/// missed days once (November's 3,000 kWh, 1–2 December) and afterwards grows by exactly what each hour brought.
/// </summary>
public sealed class AnalyticsRefreshRegressionTests : IDisposable
{
    private const EnergyQuantity GridImport = EnergyQuantity.GridImport;
    private const double NovemberDay = 100_000;
    private const double HourOfDecember = 2_000;

    private readonly string directory = Directory.CreateTempSubdirectory("kiwigrid-counters-").FullName;

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Month_answers_fed_at_every_refresh_and_restart_add_the_missed_3000_kWh_once_and_never_again()
    {
        string statePath = Path.Combine(directory, "counters.json");
        DateOnly lastDayServed = new(2026, 10, 31);
        SiteClock clock = new(lastDayServed, hour: 23);
        new EnergyCounterLedger(SiteClock.Berlin, clock.Time, statePath).ObserveToday(GridImport, 9_000);
        List<double> published = [9_000];

        // serve was off through November (30 days of 100 kWh: 3,000 kWh) and runs 3–5 December, restarted 4 times a day.
        for (DateOnly day = new(2026, 12, 3); day <= new DateOnly(2026, 12, 5); day = day.AddDays(1))
        {
            for (int start = 0; start < 24; start += 6)
            {
                clock.SetLocal(day, start);
                EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, statePath);
                for (int hour = start; hour < start + 6; hour++)
                {
                    clock.SetLocal(day, hour);
                    Refresh(ledger, day, hour);
                    published.Add(ledger.GetCounter(GridImport)!.Value);
                }
            }
        }

        double[] steps = [.. published.Zip(published.Skip(1), (before, after) => after - before)];
        double missed = (30 * NovemberDay) + (2 * 24 * HourOfDecember);
        Assert.Equal(missed + HourOfDecember, steps[0]);
        Assert.All(steps.Skip(1), step => Assert.Equal(HourOfDecember, step));
        Assert.Equal(9_000 + (30 * NovemberDay) + (5 * 24 * HourOfDecember), published[^1]);
    }

    /// <summary>What a source does at each refresh: November's and December's day totals (today so far), then today's.</summary>
    private static void Refresh(EnergyCounterLedger ledger, DateOnly today, int hour)
    {
        ledger.Observe([.. Enumerable.Range(1, 30).Select(day => new EnergyDayTotal(GridImport, new DateOnly(2026, 11, day), NovemberDay))]);
        ledger.Observe([.. Enumerable.Range(1, today.Day).Select(day => new EnergyDayTotal(
            GridImport, new DateOnly(2026, 12, day), day < today.Day ? 24 * HourOfDecember : (hour + 1) * HourOfDecember))]);
        ledger.ObserveToday(GridImport, (hour + 1) * HourOfDecember);
    }
}
