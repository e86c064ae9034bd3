using Kiwigrid.Client.Counters;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>The ledger's rules one by one, on a fake clock in the site's time zone.</summary>
public sealed class EnergyCounterLedgerTests
{
    private const EnergyQuantity Production = EnergyQuantity.Production;
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateOnly Tuesday = Monday.AddDays(1);

    [Fact]
    public void Today_s_growing_total_is_the_counter()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);

        Assert.Null(ledger.GetCounter(Production));
        ledger.ObserveToday(Production, 1_000);
        ledger.ObserveToday(Production, 2_500);

        Assert.Equal(2_500, ledger.GetCounter(Production));
        Assert.Null(ledger.GetCounter(EnergyQuantity.GridImport));
    }

    [Theory]
    [InlineData(2_400)]
    [InlineData(0)]
    public void A_lower_total_for_the_same_day_never_lowers_the_counter(double corrected)
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 2_500);

        Assert.False(ledger.ObserveToday(Production, corrected));

        Assert.Equal(2_500, ledger.GetCounter(Production));
    }

    [Fact]
    public void A_new_day_adds_the_previous_day_s_total_once_and_a_repeat_adds_nothing()
    {
        SiteClock clock = new(Monday, hour: 23);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 5_000);

        clock.SetLocal(Tuesday, hour: 0);
        ledger.ObserveToday(Production, 0);
        Assert.Equal(5_000, ledger.GetCounter(Production));
        ledger.ObserveToday(Production, 300);
        ledger.Observe(Production, Monday, 5_000);
        ledger.Observe(Production, Monday, 5_000);

        Assert.Equal(5_300, ledger.GetCounter(Production));
    }

    [Fact]
    public void Yesterday_s_final_total_adds_only_what_it_grew_by_since_last_seen()
    {
        SiteClock clock = new(Monday, hour: 23);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 5_000);
        clock.SetLocal(Tuesday, hour: 1);
        ledger.ObserveToday(Production, 10);

        Assert.True(ledger.Observe(Production, Monday, 5_200));
        Assert.False(ledger.Observe(Production, Monday, 4_900));

        Assert.Equal(5_210, ledger.GetCounter(Production));
    }

    [Fact]
    public void The_day_changes_at_the_site_s_midnight_not_at_UTC_midnight()
    {
        SiteClock clock = new(Monday, hour: 0);

        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);

        Assert.Equal(Monday, ledger.Today);
        Assert.Equal(Monday.AddDays(-1), DateOnly.FromDateTime(clock.Time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public void A_gap_of_several_days_is_filled_by_a_span_of_day_totals_and_feeding_it_again_adds_nothing()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 4_000);
        DateOnly friday = Monday.AddDays(4);
        clock.SetLocal(friday);
        EnergyDayTotal[] missedDays = [.. Enumerable.Range(0, 4).Select(offset => new EnergyDayTotal(Production, Monday.AddDays(offset), 1_000 * (offset + 1)))];

        Assert.True(ledger.Observe(missedDays));
        Assert.False(ledger.Observe(missedDays));
        ledger.ObserveToday(Production, 500);

        Assert.Equal(4_000 + 2_000 + 3_000 + 4_000 + 500, ledger.GetCounter(Production));
    }

    [Fact]
    public void A_day_later_than_the_site_s_today_is_ignored()
    {
        SiteClock clock = new(Monday, hour: 23);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);

        Assert.False(ledger.Observe(Production, Tuesday, 700));

        Assert.Null(ledger.GetCounter(Production));
    }

    [Fact]
    public void Days_older_than_the_retained_days_keep_their_energy_but_take_no_more()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 6_000);

        clock.SetLocal(Monday.AddDays(EnergyCounterLedger.RetainedDays));
        ledger.ObserveToday(Production, 100);

        Assert.False(ledger.Observe(Production, Monday, 9_000));
        Assert.Equal(6_100, ledger.GetCounter(Production));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5)]
    [InlineData(3.4e38)]
    public void A_total_that_is_no_day_s_energy_is_ignored(double glitch)
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);
        ledger.ObserveToday(Production, 1_000);

        Assert.False(ledger.ObserveToday(Production, glitch));

        Assert.Equal(1_000, ledger.GetCounter(Production));
    }

    [Fact]
    public void Observers_on_several_threads_lose_nothing_and_count_nothing_twice()
    {
        SiteClock clock = new(Monday.AddDays(40));
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);

        Parallel.For(0, 4_000, index => ledger.Observe(Production, Monday.AddDays(index % 40), index));

        Assert.Equal(Enumerable.Range(3_960, 40).Sum(), ledger.GetCounter(Production));
    }

    [Fact]
    public void Each_quantity_counts_on_its_own()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time);

        ledger.Observe([new(EnergyQuantity.GridImport, Monday, 800), new(EnergyQuantity.GridExport, Monday, 1_200), new(EnergyQuantity.GridImport, Monday, 900)]);

        Assert.Equal(
            new Dictionary<EnergyQuantity, double> { [EnergyQuantity.GridImport] = 900, [EnergyQuantity.GridExport] = 1_200 },
            ledger.GetCounters());
    }
}
