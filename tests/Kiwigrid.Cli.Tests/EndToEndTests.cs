using System.Globalization;
using System.Text.Json;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Tests;

/// <summary>Each reading command against the in-process emulator over loopback, compared with the emulator's state.</summary>
public sealed class EndToEndTests(EmulatedHome home) : IClassFixture<EmulatedHome>
{
    private CliRun Cli() => new CliRun { TimeProvider = home.Clock }.WithDemoUser();

    [Fact]
    public async Task Status_shows_the_emulators_energy_flow()
    {
        var outcome = await Cli().RunAsync("status", "--cloud", "legacy", "--server", home.Server);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var location = home.Site.LocationGuid;
        Assert.Contains(PowerText.Watts(home.Number(location, "PowerProduced")) + " produced", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(PowerText.Watts(home.Number(location, "PowerConsumed")) + " consumed", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(PowerText.Percent(home.Number(home.Site.BatteryGuid, "StateOfCharge")), outcome.Out, StringComparison.Ordinal);
        Assert.Empty(outcome.Error);
    }

    [Fact]
    public async Task Status_json_carries_the_emulators_numbers()
    {
        var outcome = await Cli().RunAsync("status", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.Out);
        var location = home.Site.LocationGuid;
        // To a tenth of a watt: the emulator's float noise is not printed.
        Assert.Equal(home.Number(location, "PowerProduced"), json.RootElement.GetProperty("pvPowerW").GetDouble(), 0.05);
        Assert.Equal(home.Number(location, "PowerConsumed"), json.RootElement.GetProperty("housePowerW").GetDouble(), 0.05);
        Assert.Equal(
            home.Number(location, "PowerIn") - home.Number(location, "PowerOut"),
            json.RootElement.GetProperty("grid").GetProperty("powerW").GetDouble(),
            0.05);
        Assert.Equal(
            home.Number(location, "PowerReleased") - home.Number(location, "PowerBuffered"),
            json.RootElement.GetProperty("battery").GetProperty("powerW").GetDouble(),
            0.05);
    }

    [Fact]
    public async Task A_history_of_several_requests_reports_its_progress_on_stderr()
    {
        // 2025-05-01 to today at 5 minutes is 51 days, about 14,700 rows: two requests.
        var outcome = await Cli().RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--from", "2025-05-01", "--to", "today", "--resolution", "5m", "--utc", "--format", "csv");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            ["Reading the history in 2 requests; Ctrl+C stops.", "  1 of 2 requests done", "  2 of 2 requests done"],
            outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("start,", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_terminal_the_progress_of_a_long_history_is_a_bar_on_stderr()
    {
        var cli = Cli();
        cli.Error.Profile.Capabilities.Interactive = true;
        cli.Error.Profile.Capabilities.Ansi = true;

        var outcome = await cli.RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--from", "2025-05-01", "--to", "today", "--resolution", "5m", "--utc", "--format", "csv");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("History, 2 requests (Ctrl+C stops)", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("requests done", outcome.Error, StringComparison.Ordinal);
        Assert.StartsWith("start,", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_csv_gives_today_so_far_in_balanced_hours()
    {
        // The fake clock stands at 10:00 UTC on 2025-06-21: today so far is ten whole hours.
        var outcome = await Cli().RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--from", "today", "--resolution", "1h", "--utc", "--format", "csv");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        Assert.Equal("start", header[0]);
        var rows = lines[1..].Select(line => line.Split(',')).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal("2025-06-21T00:00:00+00:00", rows[0][0]);
        Assert.Equal("2025-06-21T09:00:00+00:00", rows[9][0]);
        int Column(string label) => Array.FindIndex(header, h => h.StartsWith(label + " [", StringComparison.Ordinal));
        double Cell(int hour, string label) => double.Parse(rows[hour][Column(label)], CultureInfo.InvariantCulture);

        foreach (var hour in Enumerable.Range(0, 10))
        {
            // What the PV plant made was used at home, stored, or fed in.
            Assert.Equal(Cell(hour, "Production"), Cell(hour, "Self-consumption") + Cell(hour, "Grid feed-in"), 0.02);
        }

        Assert.Equal(0, Cell(0, "Production"));
        Assert.True(Cell(8, "Production") > 1000, "08:00–09:00 UTC in midsummer makes over 1 kWh.");
    }

    [Fact]
    public async Task History_goes_to_the_export_url_when_one_is_given()
    {
        // Login and bus on the emulator, history from a port where nothing listens: the one failure is the export's.
        var outcome = await Cli().RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--export-url", "http://127.0.0.1:1");
        var refused = await Cli().RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--export-url", "ftp://127.0.0.1");

        Assert.Equal(4, outcome.ExitCode);
        Assert.Contains("127.0.0.1:1", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--export-url", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_lists_every_device_of_the_emulator()
    {
        var table = await Cli().RunAsync("devices", "--cloud", "legacy", "--server", home.Server);
        var json = await Cli().RunAsync("devices", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var guids = home.Site.Devices.Guids();
        Assert.All(guids, guid => Assert.Contains(guid, table.Out, StringComparison.Ordinal));
        Assert.Contains("Location", table.Out, StringComparison.Ordinal);
        Assert.Contains("Battery", table.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(guids.Order(StringComparer.Ordinal), document.RootElement.EnumerateArray().Select(d => d.GetProperty("guid").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tags_shows_every_tag_of_a_device_named_by_kind_with_value_and_unit()
    {
        var outcome = await Cli().RunAsync("tags", "battery", "--cloud", "legacy", "--server", home.Server);
        var json = await Cli().RunAsync("tags", home.Site.BatteryGuid, "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var soc = home.Value(home.Site.BatteryGuid, "StateOfCharge")!.ToJsonString();
        Assert.Contains(outcome.Out.Split('\n'), line => line.Contains("StateOfCharge", StringComparison.Ordinal) && line.Contains(soc, StringComparison.Ordinal) && line.Contains('%', StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json.Out);
        var tag = document.RootElement.GetProperty("tags").GetProperty("StateOfCharge");
        Assert.Equal(home.Number(home.Site.BatteryGuid, "StateOfCharge"), tag.GetProperty("value").GetDouble());
        Assert.Equal("%", tag.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Get_prints_the_bare_value_for_scripts()
    {
        var outcome = await Cli().RunAsync("get", "location", "PowerProduced", "--cloud", "legacy", "--server", home.Server);
        var json = await Cli().RunAsync("get", home.Site.LocationGuid, "PowerProduced", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        // Watts to a tenth: the emulator's float noise is not shown.
        var expected = Math.Round(home.Number(home.Site.LocationGuid, "PowerProduced"), 1, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, double.Parse(outcome.Out.Trim(), CultureInfo.InvariantCulture));
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(expected, document.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("W", document.RootElement.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Get_an_unknown_device_or_tag_exits_1()
    {
        var device = await Cli().RunAsync("get", "no-such-device", "PowerProduced", "--cloud", "legacy", "--server", home.Server);
        var tag = await Cli().RunAsync("get", "location", "NoSuchTag", "--cloud", "legacy", "--server", home.Server);

        Assert.Equal(1, device.ExitCode);
        Assert.Contains("no-such-device", device.Error, StringComparison.Ordinal);
        Assert.Equal(1, tag.ExitCode);
        Assert.Contains("NoSuchTag", tag.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_the_device_documents_as_json_and_ndjson()
    {
        var json = await Cli().RunAsync("export", "--cloud", "legacy", "--server", home.Server);
        var ndjson = await Cli().RunAsync("export", "--cloud", "legacy", "--server", home.Server, "--format", "ndjson");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(home.Site.Devices.Guids().Count, document.RootElement.GetArrayLength());
        var location = document.RootElement.EnumerateArray().Single(d => d.GetProperty("guid").GetString() == home.Site.LocationGuid);
        Assert.Equal(home.Number(home.Site.LocationGuid, "PowerProduced"), location.GetProperty("tagValues").GetProperty("PowerProduced").GetProperty("value").GetDouble());
        var lines = ndjson.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(home.Site.Devices.Guids().Count, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task A_wrong_password_exits_3_and_does_not_echo_it()
    {
        const string Password = "Wr0ng-Passw0rd!";

        var outcome = await Cli().WithDemoUser(password: Password).RunAsync("status", "--cloud", "legacy", "--server", home.Server);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("Login failed", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, outcome.Error + outcome.Out, StringComparison.Ordinal);
        Assert.Single(outcome.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Local_reads_the_emulators_energy_manager_endpoint()
    {
        var outcome = await new CliRun().RunAsync("get", "location", "PowerProduced", "--local", home.Server);
        var devices = await new CliRun().RunAsync("devices", "--local", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(home.Number(home.Site.LocationGuid, "PowerProduced"), double.Parse(outcome.Out.Trim(), CultureInfo.InvariantCulture), 0.05);
        using var document = JsonDocument.Parse(devices.Out);
        Assert.Equal(home.Site.Devices.Guids().Count, document.RootElement.GetArrayLength());
    }
}
