using System.Text.Json;
using Kiwigrid.Cli.Commands;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.History;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests;

public sealed class HistoryCommandTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // 21 June 2025, 14:30 in Berlin (UTC+2).
    private static readonly DateTimeOffset Now = new(2025, 6, 21, 12, 30, 0, TimeSpan.Zero);

    private static HistoryTable TwoQuarterHours()
    {
        var energy = new HistoryColumn("Grid feed-in", "Wh", HistoryAggregation.Increase, new HistoryDeviceTags("loc", "WorkOutFromProducers"));
        var charge = new HistoryColumn("State of charge", "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags("bat", "StateOfCharge"));
        var start = new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero);
        return new HistoryTable(HistoryResolution.FifteenMinutes, [energy, charge],
        [
            new HistoryRow(start, start.AddMinutes(15), [1234.5, 40]),
            new HistoryRow(start.AddMinutes(15), start.AddMinutes(30), [null, 60]),
            new HistoryRow(start.AddMinutes(30), start.AddMinutes(45), [100.25, null]),
        ]);
    }

    [Fact]
    public void Without_options_the_span_is_today_on_the_local_clock_up_to_now()
    {
        var span = HistorySpan.Resolve(null, null, Now, Berlin);

        Assert.Equal(new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(2)), span.From);
        Assert.Equal(Now, span.To);
    }

    [Theory]
    [InlineData("yesterday", null, "2025-06-20T00:00:00+02:00", "2025-06-21T00:00:00+02:00")]
    [InlineData("2025-06-01", null, "2025-06-01T00:00:00+02:00", "2025-06-02T00:00:00+02:00")]
    [InlineData("2025-06-01", "2025-06-03", "2025-06-01T00:00:00+02:00", "2025-06-04T00:00:00+02:00")]
    [InlineData("2025-06-21T06:00", null, "2025-06-21T06:00:00+02:00", "2025-06-21T12:30:00+00:00")]
    [InlineData("2025-06-21T06:00Z", "2025-06-21 09:15", "2025-06-21T06:00:00+00:00", "2025-06-21T09:15:00+02:00")]
    [InlineData("2024-12-24", "today", "2024-12-24T00:00:00+01:00", "2025-06-22T00:00:00+02:00")]
    public void Dates_name_whole_local_days_and_date_times_name_instants(string from, string? to, string expectedFrom, string expectedTo)
    {
        var span = HistorySpan.Resolve(from, to, Now, Berlin);

        Assert.Equal(DateTimeOffset.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), span.From);
        Assert.Equal(DateTimeOffset.Parse(expectedTo, System.Globalization.CultureInfo.InvariantCulture), span.To);
    }

    [Theory]
    [InlineData("tomorrow", null, "--from 'tomorrow' is not a date")]
    [InlineData("21.06.2025", null, "--from '21.06.2025' is not a date")]
    [InlineData("2025-06-21", "2025-06-20", "The span is empty")]
    [InlineData("2030-01-01", null, "The span starts in the future (2030-01-01 00:00), and the history ends now (2025-06-21 14:30): pick an earlier --from.")]
    [InlineData("2025-06-21T15:00", "2025-06-21T16:00", "The span starts in the future")]
    [InlineData("1900-01-01", null, "--from '1900-01-01' is outside the years 2000 to 2100, which a history can cover.")]
    [InlineData("0001-01-01T00:00", null, "--from '0001-01-01T00:00' is outside the years 2000 to 2100")]
    [InlineData("2025-06-01", "9999-12-31", "--to '9999-12-31' is outside the years 2000 to 2100")]
    public void A_value_that_is_not_a_date_or_an_empty_span_is_a_usage_error(string from, string? to, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => HistorySpan.Resolve(from, to, Now, Berlin));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HistoryResolution.FiveMinutes, "5m", "2000-01-01", true)]
    [InlineData(HistoryResolution.FiveMinutes, "5m", "2099-01-01", false)]
    [InlineData(HistoryResolution.FifteenMinutes, "15m", "2080-01-01", true)]
    public void A_span_of_more_rows_than_the_limit_is_refused_naming_the_limit(HistoryResolution resolution, string option, string to, bool fits)
    {
        var span = HistorySpan.Resolve("2000-01-01", to, Now, Berlin);
        var interval = resolution == HistoryResolution.FiveMinutes ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(15);

        var error = Record.Exception(() => span.CheckRows(interval, option));

        if (fits)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.IsType<CliUsageException>(error);
            Assert.Contains("more than the 3,000,000 one history reads (about 29 years at 5m)", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_span_in_the_future_is_refused_before_any_login()
    {
        var outcome = await new CliRun { TimeProvider = new FakeTimeProvider(Now) }.WithDemoUser().RunAsync("history", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--from", "2030-01-01");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Out);
        Assert.StartsWith("kiwigrid: The span starts in the future", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history", "--local", "http://127.0.0.1:1")]
    [InlineData("history", "--from", "someday")]
    [InlineData("history", "--resolution", "2h")]
    [InlineData("history", "--format", "xml")]
    public async Task Bad_history_options_and_the_LAN_exit_2_with_one_sentence_before_any_login(params string[] args)
    {
        var outcome = await new CliRun { TimeProvider = new FakeTimeProvider(Now) }.WithDemoUser().RunAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Out);
        Assert.StartsWith("kiwigrid: ", outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task The_LAN_refusal_says_history_needs_the_cloud()
    {
        var outcome = await new CliRun().RunAsync("history", "--local", "http://127.0.0.1:1");

        // Said before the device is even asked what it is (no device on the LAN keeps history): nothing listens on port 1.
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("kiwigrid: The device at http://127.0.0.1:1/ keeps no history; read it from the cloud instead.", outcome.Error.Trim());
    }

    [Fact]
    public async Task Help_lists_the_history_command()
    {
        var outcome = await new CliRun().RunAsync("--help");

        Assert.Contains("history", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5m", HistoryResolution.FiveMinutes)]
    [InlineData("15m", HistoryResolution.FifteenMinutes)]
    [InlineData("30m", HistoryResolution.ThirtyMinutes)]
    [InlineData("1h", HistoryResolution.OneHour)]
    [InlineData("1d", HistoryResolution.OneDay)]
    public void Each_resolution_option_maps_to_its_interval(string option, HistoryResolution expected) =>
        Assert.Equal(expected, HistoryCommand.ParseResolution(option));

    [Fact]
    public void Csv_has_local_ISO_times_with_offset_point_decimals_and_empty_cells_for_missing_values()
    {
        var lines = HistoryCsv.Lines(TwoQuarterHours(), Berlin).ToList();

        Assert.Equal(
            [
                "start,Grid feed-in [Wh],State of charge [%]",
                "2025-06-21T12:00:00+02:00,1234.5,40",
                "2025-06-21T12:15:00+02:00,,60",
                "2025-06-21T12:30:00+02:00,100.25,",
            ],
            lines);
    }

    [Fact]
    public void Json_is_an_array_of_rows_named_as_the_energy_totals_with_nulls()
    {
        using var json = JsonDocument.Parse(HistoryJson.Write(TwoQuarterHours(), TimeZoneInfo.Utc));

        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("2025-06-21T10:00:00+00:00", rows[0].GetProperty("start").GetString());
        Assert.Equal("2025-06-21T10:15:00+00:00", rows[0].GetProperty("end").GetString());
        Assert.Equal(1234.5, rows[0].GetProperty("fedInWh").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("fedInWh").ValueKind);
        Assert.Equal(60, rows[1].GetProperty("stateOfChargePercent").GetDouble());
        Assert.Equal("100.3", rows[2].GetProperty("fedInWh").GetRawText());
        var source = new HistoryDeviceTags("urn:battery", "StateOfCharge");
        Assert.Equal("selfConsumedWh", HistoryJson.Key(new HistoryColumn(EnergyHistoryColumns.SelfConsumption, "Wh", HistoryAggregation.Increase, source)));
        Assert.Equal("stateOfCharge1MyReservePercent", HistoryJson.Key(new HistoryColumn("State of charge (1 MyReserve)", "%", HistoryAggregation.TimeWeightedAverage, source)));
    }

    [Fact]
    public void The_table_shows_local_times_and_sums_energy_in_kWh_but_averages_the_charge()
    {
        var console = new TestConsole().Width(80);

        console.Write(HistoryTableView.Render(TwoQuarterHours(), Berlin));

        var text = console.Output;
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("12:00", StringComparison.Ordinal) && l.Contains("1.23", StringComparison.Ordinal) && l.Contains("40.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Feed-in", StringComparison.Ordinal) && l.Contains("SoC", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("kWh", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal));
        var summary = lines.Single(l => l.Contains("Sum/avg", StringComparison.Ordinal));
        Assert.Contains("1.33", summary, StringComparison.Ordinal);
        Assert.Contains("50.0", summary, StringComparison.Ordinal);
        var words = string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2025-06-21, times in Europe/Berlin", words, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, l));
    }

    [Fact]
    public void The_sums_of_a_long_span_go_below_the_table_rather_than_breaking_its_dates_and_numbers_at_80_columns()
    {
        // 2000-01-01 to 2026-12-03 by day, as `history --from 2000-01-01 --to today --resolution 1d`: 218,467.87 kWh
        // of PV in the summary row squeezed the table, and Spectre broke "2026-11-" / "27" and "218,467." / "87".
        string[] energies = [EnergyHistoryColumns.Production, EnergyHistoryColumns.Consumption, EnergyHistoryColumns.GridFeedIn,
            EnergyHistoryColumns.GridPurchase, EnergyHistoryColumns.BatteryCharge, EnergyHistoryColumns.BatteryDischarge, EnergyHistoryColumns.SelfConsumption];
        List<HistoryColumn> columns = [.. energies.Select(label => new HistoryColumn(label, "Wh", HistoryAggregation.Increase, new HistoryDeviceTags("loc", "WorkProduced")))];
        columns.Add(new HistoryColumn(EnergyHistoryColumns.StateOfCharge, "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags("bat", "StateOfCharge")));
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var days = Enumerable.Range(0, 9833).Select(d => new HistoryRow(start.AddDays(d), start.AddDays(d + 1), [.. Enumerable.Repeat<double?>(22_220.5, 7), 15.2])).ToList();
        var console = new TestConsole().Width(80);

        console.Write(HistoryTableView.Render(new HistoryTable(HistoryResolution.OneDay, columns, days), TimeZoneInfo.Utc, 80));

        var lines = console.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
        Assert.Contains(lines, l => l.StartsWith("2026-12-02", StringComparison.Ordinal) && l.EndsWith("15.2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PV", StringComparison.Ordinal) && l.EndsWith("218,494.18 kWh", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SoC", StringComparison.Ordinal) && l.EndsWith("15.2 %", StringComparison.Ordinal));
        Assert.Contains("Sum/avg over the span:", lines);
    }
}
