using System.Text.Json.Nodes;

using Kiwigrid.Client.Counters;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>Restarts from the state file, and what happens when the file is damaged or cannot be written.</summary>
public sealed class EnergyCounterStateFileTests : IDisposable
{
    private const EnergyQuantity Production = EnergyQuantity.Production;
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateOnly Tuesday = Monday.AddDays(1);

    private readonly string directory = Directory.CreateTempSubdirectory("kiwigrid-counters-").FullName;

    private string StatePath => Path.Combine(directory, "counters.json");

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_restart_goes_on_from_the_state_file_without_a_drop_or_a_double_count()
    {
        SiteClock clock = new(Monday, hour: 22);
        EnergyCounterLedger before = new(SiteClock.Berlin, clock.Time, StatePath);
        before.ObserveToday(Production, 5_000);
        clock.SetLocal(Tuesday, hour: 9);
        before.ObserveToday(Production, 300);

        EnergyCounterLedger after = new(SiteClock.Berlin, clock.Time, StatePath);
        Assert.Equal(5_300, after.GetCounter(Production));
        after.Observe(Production, Monday, 5_000);
        after.ObserveToday(Production, 300);
        Assert.Equal(5_300, after.GetCounter(Production));
        after.ObserveToday(Production, 450);

        Assert.Equal(5_450, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).GetCounter(Production));
    }

    [Fact]
    public void A_restart_over_midnight_adds_yesterday_s_final_growth_once()
    {
        SiteClock clock = new(Monday, hour: 23);
        new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).ObserveToday(Production, 5_000);
        clock.SetLocal(Tuesday, hour: 1);

        for (int restart = 0; restart < 3; restart++)
        {
            EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, StatePath);
            ledger.Observe([new(Production, Monday, 5_100), new(Production, Tuesday, 40)]);
        }

        Assert.Equal(5_140, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).GetCounter(Production));
    }

    [Fact]
    public void A_folded_day_stays_folded_after_a_restart_even_if_the_clock_goes_back()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, StatePath);
        ledger.ObserveToday(Production, 6_000);
        clock.SetLocal(Monday.AddDays(EnergyCounterLedger.RetainedDays));
        ledger.ObserveToday(Production, 100);

        SiteClock wrongClock = new(Tuesday);
        EnergyCounterLedger restarted = new(SiteClock.Berlin, wrongClock.Time, StatePath);

        Assert.False(restarted.Observe(Production, Monday, 6_000));
        Assert.Equal(6_100, restarted.GetCounter(Production));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"version":2,"quantities":[]}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1,"quantities":[{"quantity":"Sunshine","foldedWattHours":0,"foldedThrough":null,"days":[]}]}""")]
    [InlineData("""{"version":1,"quantities":[{"quantity":"Production","foldedWattHours":-1,"foldedThrough":null,"days":[]}]}""")]
    [InlineData("""{"version":1,"quantities":[{"quantity":"Production","foldedWattHours":0,"foldedThrough":"2026-11-30","days":[{"day":"2026-11-30","wattHours":5}]}]}""")]
    [InlineData("""{"version":1,"quantities":[{"quantity":"Production","foldedWattHours":0,"foldedThrough":null,"days":[{"day":"2026-11-30","wattHours":5},{"day":"2026-11-30","wattHours":6}]}]}""")]
    public void A_damaged_state_file_starts_the_counters_afresh_with_one_warning_and_is_kept_aside(string damaged)
    {
        File.WriteAllText(StatePath, damaged);
        SiteClock clock = new(Monday);
        WarningCounter log = new();

        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, StatePath, log);

        Assert.Null(ledger.GetCounter(Production));
        string warning = Assert.Single(log.Warnings);
        Assert.Contains(StatePath, warning, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllText(StatePath + ".unreadable"));
        ledger.ObserveToday(Production, 1_000);
        Assert.Equal(1_000, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath, log).GetCounter(Production));
        Assert.Single(log.Warnings);
    }

    [Fact]
    public void A_state_file_cut_short_by_a_crash_starts_afresh_rather_than_failing()
    {
        SiteClock clock = new(Monday);
        new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).ObserveToday(Production, 1_000);
        string whole = File.ReadAllText(StatePath);
        File.WriteAllText(StatePath, whole[..(whole.Length / 2)]);
        WarningCounter log = new();

        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, StatePath, log);

        Assert.Null(ledger.GetCounter(Production));
        Assert.Single(log.Warnings);
    }

    [Fact]
    public void Writes_go_through_a_temporary_file_that_a_crash_may_leave_without_harm()
    {
        SiteClock clock = new(Monday);
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, StatePath);
        ledger.ObserveToday(Production, 1_000);
        Assert.Equal([StatePath], Directory.GetFiles(directory));

        File.WriteAllText(StatePath + ".tmp", "{ half written");
        Assert.Equal(1_000, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).GetCounter(Production));
        ledger.ObserveToday(Production, 1_500);

        Assert.Equal([StatePath], Directory.GetFiles(directory));
        Assert.Equal(1_500, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).GetCounter(Production));
    }

    [Fact]
    public void The_state_file_is_plain_json_a_person_can_read()
    {
        SiteClock clock = new(Monday);
        new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath).Observe([new(EnergyQuantity.GridExport, Monday, 1_234.5)]);

        JsonNode state = JsonNode.Parse(File.ReadAllText(StatePath))!;

        Assert.Equal(1, (int)state["version"]!);
        JsonNode quantity = state["quantities"]![0]!;
        Assert.Equal("GridExport", (string)quantity["quantity"]!);
        Assert.Equal("2026-11-30", (string)quantity["days"]![0]!["day"]!);
        Assert.Equal(1_234.5m, (decimal)quantity["days"]![0]!["wattHours"]!);
    }

    [Fact]
    public void A_state_file_that_cannot_be_written_leaves_the_counters_going_in_memory_with_one_warning()
    {
        string blocked = Path.Combine(StatePath, "counters.json");
        File.WriteAllText(StatePath, "a file where a directory should be");
        SiteClock clock = new(Monday);
        WarningCounter log = new();
        EnergyCounterLedger ledger = new(SiteClock.Berlin, clock.Time, blocked, log);

        ledger.ObserveToday(Production, 1_000);
        ledger.ObserveToday(Production, 2_000);

        Assert.Equal(2_000, ledger.GetCounter(Production));
        Assert.Single(log.Warnings);
    }

    [Fact]
    public void A_missing_directory_is_created_for_the_state_file()
    {
        string nested = Path.Combine(directory, "state", "site-1", "counters.json");
        SiteClock clock = new(Monday);

        new EnergyCounterLedger(SiteClock.Berlin, clock.Time, nested).ObserveToday(Production, 700);

        Assert.Equal(700, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, nested).GetCounter(Production));
    }
}
