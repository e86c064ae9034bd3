using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Sites;
using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Export;

/// <summary>The CSV's shape: header, one row per interval in the requested zone, date format and number format.</summary>
public sealed class ExportLayoutTests : IClassFixture<ExportLayoutTests.Fixture>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private readonly ExportRun _run;

    public ExportLayoutTests(Fixture fixture) => _run = fixture.Run;

    [Fact]
    public async Task A_utc_day_at_pt15m_has_the_header_and_96_quarter_hours()
    {
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);
        var body = ExportRun.Body(from, from.AddDays(1), [(_run.Location, "WorkProduced", null), (_run.Battery, "StateOfCharge", "TWA")]);
        using var response = await _run.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=\"export.csv\"", response.Content.Headers.ContentDisposition!.ToString());
        var csv = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Zeitstempel", "WorkProduced [Wh]", "StateOfCharge [%]"], csv.Header);
        Assert.Equal(96, csv.Rows.Length);
        Assert.Equal("2025-06-21 00:00:00", csv.Times[0]);
        Assert.Equal("2025-06-21 00:15:00", csv.Times[1]);
        Assert.Equal("2025-06-21 23:45:00", csv.Times[^1]);
        Assert.All(csv.Rows, row => Assert.Equal(3, row.Length));
    }

    [Theory]
    [InlineData(2025, 6, 21, 96)]
    [InlineData(2024, 3, 31, 92)]
    [InlineData(2024, 10, 27, 100)]
    public async Task A_berlin_day_has_a_row_per_quarter_hour_of_its_local_length(int year, int month, int day, int rows)
    {
        var (from, to) = LocalDay(new DateOnly(year, month, day));
        var csv = await _run.ExportAsync(ExportRun.Body(from, to, [(_run.Location, "WorkConsumed", null)], zone: "Europe/Berlin", dateFormat: "DD.MM.YYYY HH:mm:ss"));

        Assert.Equal(rows, csv.Rows.Length);
        Assert.Equal($"{day:D2}.{month:D2}.{year} 00:00:00", csv.Times[0]);
        Assert.Equal($"{day:D2}.{month:D2}.{year} 23:45:00", csv.Times[^1]);
        var hours = csv.Times.Select(t => t.Substring(11, 2)).ToList();
        Assert.Equal(month == 3 ? 0 : month == 10 ? 8 : 4, hours.Count(h => h == "02"));
        Assert.All(csv.Numbers(1), value => Assert.True(value > 0, "the house always draws power"));
    }

    [Fact]
    public async Task From_is_rounded_down_to_a_whole_step_in_the_zone_and_the_last_row_starts_before_to()
    {
        // 00:07 local in Kolkata (+05:30) rounds down to 00:00 local, which is 18:30 UTC.
        var from = new DateTimeOffset(2025, 6, 21, 0, 7, 0, TimeSpan.FromHours(5.5));
        var csv = await _run.ExportAsync(ExportRun.Body(from, from.AddMinutes(53).AddSeconds(1), [(_run.Location, "WorkConsumed", null)],
            resolution: "PT30M", zone: "Asia/Kolkata"));

        Assert.Equal(["2025-06-21 00:00:00", "2025-06-21 00:30:00", "2025-06-21 01:00:00"], csv.Times);
    }

    [Fact]
    public async Task P1d_rows_are_local_days_even_across_the_clock_change()
    {
        var (from, _) = LocalDay(new DateOnly(2024, 3, 29));
        var (_, to) = LocalDay(new DateOnly(2024, 4, 1));
        var csv = await _run.ExportAsync(ExportRun.Body(from, to, [(_run.Location, "WorkConsumed", null), (_run.Battery, "StateOfCharge", "TWA")],
            resolution: "P1D", zone: "Europe/Berlin", dateFormat: "DD.MM.YYYY HH:mm"));

        Assert.Equal(["29.03.2024 00:00", "30.03.2024 00:00", "31.03.2024 00:00", "01.04.2024 00:00"], csv.Times);

        // The 23-hour day gives a day's consumption like its neighbours: the house's 11 kWh, plus a car on some evenings.
        Assert.All(csv.Numbers(1), wh => Assert.InRange(wh, 8_000, 40_000));
        Assert.All(csv.Numbers(2), soc => Assert.InRange(soc, 0, 100));
    }

    [Theory]
    [InlineData("YYYY-MM-DDTHH:mm:ss", "2025-06-21T05:15:00")]
    [InlineData("DD.MM.YYYY HH:mm:ss", "21.06.2025 05:15:00")]
    [InlineData("MM/DD/YYYY HH.mm Uhr", "06/21/2025 05.15 Uhr")]
    [InlineData("YYYYMMDDHHmmss", "20250621051500")]
    [InlineData("[YY] Q H:m", "[YY] Q H:m")]
    public async Task Date_format_tokens_become_the_local_fields_and_everything_else_stays(string format, string expected)
    {
        var from = new DateTimeOffset(2025, 6, 21, 5, 15, 0, TimeSpan.FromHours(2));
        var csv = await _run.ExportAsync(ExportRun.Body(from, from.AddMinutes(15), [(_run.Location, "WorkConsumed", null)],
            zone: "Europe/Berlin", dateFormat: format));

        Assert.Equal([expected], csv.Times);
    }

    [Fact]
    public async Task Values_take_the_precision_the_decimal_separator_and_the_kilo_prefix()
    {
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(2));
        var to = from.AddDays(1);
        var wh = await _run.ExportAsync(ExportRun.Body(from, to, [(_run.Location, "WorkConsumed", null)], resolution: "PT1H", precision: 1));
        var kwh = await _run.ExportAsync(ExportRun.Body(from, to, [(_run.Location, "WorkConsumed", null)], resolution: "PT1H", precision: 4,
            prefix: "k", decimalSeparator: ","));

        Assert.Equal("WorkConsumed [kWh]", kwh.Header[1]);
        Assert.All(wh.Rows, row => Assert.Matches(@"^\d+\.\d$", row[1]));
        Assert.All(kwh.Rows, row => Assert.Matches(@"^\d+,\d{4}$", row[1]));
        for (var i = 0; i < wh.Rows.Length; i++)
        {
            var kilo = double.Parse(kwh.Rows[i][1].Replace(',', '.'), CultureInfo.InvariantCulture);
            Assert.Equal(wh.Numbers(1)[i], kilo * 1000, 0.06);
        }
    }

    [Fact]
    public async Task Unknown_devices_and_tags_text_values_and_the_future_are_replace_for_null()
    {
        const string Unknown = "urn:kiwigrid:location:NOPE:0";
        var from = new DateTimeOffset(2025, 6, 24, 23, 0, 0, TimeSpan.FromHours(2));
        var body = ExportRun.Body(from, from.AddHours(2),
        [
            (_run.Location, "WorkConsumed", null),
            (_run.Location, "WorkConsumed", null),
            (Unknown, "WorkConsumed", null),
            (_run.Location, "WorkNoSuchCounter", null),
            (_run.Battery, "ModeConverter", "TWA"),
            (_run.Battery, "WorkCapacity", "TWA"),
        ], replaceForNull: "n/a");

        // Column 2 sums a known and an unknown device: the sum is unknown.
        body["columnInformation"]![1]!["tagsByDevice"]!.AsArray().Add((JsonNode)new JsonObject { ["guid"] = Unknown, ["tags"] = new JsonArray("WorkConsumed") });
        var csv = await _run.ExportAsync(body);

        // The site's simulated now is its start, 25 June 00:00: the first hour is the past, the second the future.
        Assert.Equal(8, csv.Rows.Length);
        for (var row = 0; row < 8; row++)
        {
            var past = row < 4;
            Assert.Equal(!past, csv.Rows[row][1] == "n/a");
            Assert.Equal(["n/a", "n/a", "n/a", "n/a"], csv.Rows[row][2..6]);
            Assert.Equal(past ? "9600.000" : "n/a", csv.Rows[row][6]);
        }
    }

    [Fact]
    public async Task A_replayed_dump_has_no_history_so_every_value_is_replace_for_null()
    {
        var file = Directory.GetFiles(RepoPaths.Fixture("wizard-devices"), "*.json").Order(StringComparer.Ordinal).First();
        await using var run = await ExportRun.StartAsync(site: clock => new ReplaySite(file, clock));
        var location = run.Emulator.Site.Devices.Guids()[0];
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);

        var csv = await run.ExportAsync(ExportRun.Body(from, from.AddDays(1), [(location, "WorkProduced", null)]));

        Assert.Equal(96, csv.Rows.Length);
        Assert.All(csv.Rows, row => Assert.Equal("---", row[1]));
    }

    private static (DateTimeOffset From, DateTimeOffset To) LocalDay(DateOnly day)
    {
        static DateTimeOffset Midnight(DateOnly d)
        {
            var local = d.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
        }

        return (Midnight(day), Midnight(day.AddDays(1)));
    }

    public sealed class Fixture : IAsyncLifetime
    {
        internal ExportRun Run { get; private set; } = null!;

        public async Task InitializeAsync() => Run = await ExportRun.StartAsync();

        public async Task DisposeAsync() => await Run.DisposeAsync();
    }
}
