using System.Text.Json;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// <c>settings</c> and <c>set</c> end to end against the emulator on both clouds: what can be set, a change with its
/// read-back, a dry run that sends nothing, and refusals before anything is sent. Each test has its own home, since
/// a change stays.
/// </summary>
public sealed class ControlCommandTests : IAsyncLifetime
{
    private readonly EmulatedHome _home = new();

    private CliRun Cli() => new CliRun { TimeProvider = _home.Clock }.WithDemoUser();

    public Task InitializeAsync() => _home.InitializeAsync();

    public Task DisposeAsync() => _home.DisposeAsync();

    [Fact]
    public async Task Settings_lists_the_wallbox_s_modes_on_today_s_cloud_and_the_battery_reserve_on_the_2018_cloud()
    {
        var hems = await Cli().RunAsync("settings", "evstation", "--server", _home.Server);
        var legacy = await Cli().RunAsync("settings", "--cloud", "legacy", "--server", _home.Server, "--json");

        Assert.True(hems.ExitCode == 0, hems.ToString());
        Assert.Contains("optimization_mode", hems.Out, StringComparison.Ordinal);
        Assert.Contains("NOT_OPTIMIZED, PV_EXCESS, DEPARTURE_TIME", hems.Out, StringComparison.Ordinal);
        Assert.Contains("switch_state", hems.Out, StringComparison.Ordinal);
        Assert.True(legacy.ExitCode == 0, legacy.ToString());
        OutputSchema.AssertValid("settings", legacy.Out);
        var reserve = JsonDocument.Parse(legacy.Out).RootElement.EnumerateArray().Single(s => s.GetProperty("deviceId").GetString() == _home.Site.BatteryGuid);
        Assert.Equal("StateOfChargeMinimum", reserve.GetProperty("setting").GetString());
        Assert.Equal("10", reserve.GetProperty("value").GetString());
        Assert.Equal(100, reserve.GetProperty("maximum").GetDouble());
    }

    [Fact]
    public async Task Set_switches_the_wallbox_off_on_today_s_cloud_and_prints_before_and_after_as_read_back()
    {
        var outcome = await Cli().RunAsync("set", _home.Site.EvStationGuid!, "switch_state", "off", "--server", _home.Server);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("switch_state ON → OFF (read back)", outcome.Out, StringComparison.Ordinal);
        Assert.Equal("OFF", _home.Value(_home.Site.EvStationGuid!, "ModeStation")!.GetValue<string>());
    }

    [Fact]
    public async Task Set_raises_the_battery_reserve_on_the_2018_cloud_by_the_device_s_kind()
    {
        var outcome = await Cli().RunAsync("set", "battery", "StateOfChargeMinimum", "30", "--cloud", "legacy", "--server", _home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        OutputSchema.AssertValid("settingChange", outcome.Out);
        var change = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(("10", "30", true), (change.GetProperty("before").GetString(), change.GetProperty("after").GetString(), change.GetProperty("seenInReadBack").GetBoolean()));
        Assert.Equal(30, _home.Number(_home.Site.BatteryGuid, "StateOfChargeMinimum"));
    }

    [Fact]
    public async Task A_dry_run_prints_method_path_and_body_without_the_token_and_sends_nothing()
    {
        var station = _home.Site.EvStationGuid!;

        var outcome = await Cli().RunAsync("set", "evstation", "optimization_mode", "pv_excess", "--dry-run", "--server", _home.Server);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains($"PATCH /v11/device/{Uri.EscapeDataString(station)}/optimization/config", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("""{"optimization_mode":"PV_EXCESS"}""", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", outcome.Out, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eyJ", outcome.Out, StringComparison.Ordinal);
        Assert.Null(_home.Value(station, "ModeOptimization"));
    }

    [Theory]
    [InlineData("hems", "evstation", "optimization_mode", "TURBO", "optimization_mode takes NOT_OPTIMIZED, PV_EXCESS, DEPARTURE_TIME; 'TURBO' is not one of them.")]
    [InlineData("legacy", "battery", "StateOfChargeMinimum", "150", "StateOfChargeMinimum takes a number from 0 to 100 %; 150 is outside.")]
    public async Task A_value_the_setting_does_not_take_is_refused_with_what_it_takes_and_nothing_changes(
        string cloud, string device, string setting, string value, string sentence)
    {
        var outcome = await Cli().RunAsync("set", device, setting, value, "--cloud", cloud, "--server", _home.Server);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal($"kiwigrid: {sentence}", outcome.Error.Trim());
        Assert.Empty(outcome.Out);
        Assert.Null(_home.Value(_home.Site.EvStationGuid!, "ModeOptimization"));
        Assert.Equal(10, _home.Number(_home.Site.BatteryGuid, "StateOfChargeMinimum"));
    }

    [Fact]
    public async Task A_source_that_cannot_change_settings_says_so_before_anything_is_read()
    {
        var outcome = await new CliRun().RunAsync("set", "evstation", "switch_state", "OFF", "--local", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains("offers no settings here", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_setting_names_the_ones_the_device_has()
    {
        var outcome = await Cli().RunAsync("set", "evstation", "colour", "red", "--server", _home.Server);

        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.Contains("has no setting 'colour'; it has optimization_mode, switch_state.", outcome.Error, StringComparison.Ordinal);
    }
}
