using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Sources;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Sources;

/// <summary>
/// Control through the 2018 cloud against the emulator: the documented owner settings are listed, written with
/// <c>mergeDevice</c>, read back, and steer the simulated home.
/// </summary>
public class LegacyControlTests
{
    private static LegacyCloudSource Source(EmulatedHome home) => new(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions with
    {
        SettingReadBackTimeout = TimeSpan.FromSeconds(5),
        SettingReadBackInterval = TimeSpan.FromMilliseconds(50),
    });

    [Fact]
    public async Task The_battery_reserve_the_wallbox_and_the_plug_are_the_settings()
    {
        await using var home = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var source = Source(home);
        var site = home.Simulation!;

        var settings = await source.GetSettingsAsync();

        Assert.Equal(3, settings.Count);
        var reserve = settings.Single(s => s.DeviceId == site.BatteryGuid);
        Assert.Equal(("StateOfChargeMinimum", SettingKind.Number, "10", 0d, 100d, "%"), (reserve.Name, reserve.Kind, reserve.Value, reserve.Minimum, reserve.Maximum, reserve.Unit));
        Assert.Equal(("ModeStation", SettingKind.Switch, "ON"), Describe(settings.Single(s => s.DeviceId == site.EvStationGuid)));
        Assert.Equal(("ModeRelay", SettingKind.Switch, "ON"), Describe(settings.Single(s => s.DeviceId == site.PlugGuid)));
    }

    [Fact]
    public async Task Switching_the_plug_off_reads_back_OFF_and_the_home_s_consumption_falls_by_its_draw()
    {
        await using var home = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var control = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var source = Source(home);
        await using var unchanged = Source(control);
        var plug = home.Simulation!.PlugGuid!;

        var change = await source.ChangeSettingAsync(plug, "ModeRelay", "OFF");

        Assert.Equal(("ON", "OFF", true), (change.Before.Value, change.After.Value, change.SeenInReadBack));
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        control.Clock.Advance(TimeSpan.FromMinutes(5));
        var devices = await source.GetDevicesAsync();
        Assert.Equal(0, devices.Single(d => d.Guid == plug).GetDouble(TagNames.PowerIn));
        var consumed = (await source.GetEnergyFlowAsync()).HouseConsumption!.Value.Value;
        var before = (await unchanged.GetEnergyFlowAsync()).HouseConsumption!.Value.Value;
        Assert.Equal(before - home.Simulation.Options.PlugPower, consumed, 3);
    }

    [Fact]
    public async Task Switching_the_wallbox_off_while_the_car_charges_stops_the_charging_and_on_lets_it_charge_again()
    {
        await using var home = await EmulatedHome.StartAsync(start: ChargingEvening.Find());
        await using var source = Source(home);
        var station = home.Simulation!.EvStationGuid!;

        var off = await source.ChangeSettingAsync(station, "ModeStation", "OFF");
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        var stopped = (await source.GetDevicesAsync()).Single(d => d.Guid == station).GetDouble(TagNames.PowerACIn);
        var on = await source.ChangeSettingAsync(station, "ModeStation", "ON");
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        var charging = (await source.GetDevicesAsync()).Single(d => d.Guid == station);

        Assert.Equal(("ON", "OFF", true), (off.Before.Value, off.After.Value, off.SeenInReadBack));
        Assert.Equal(0, stopped);
        Assert.Equal(("OFF", "ON", true), (on.Before.Value, on.After.Value, on.SeenInReadBack));
        Assert.True(charging.GetDouble(TagNames.PowerACIn) > 1000);
        Assert.Equal("CHARGING", charging.GetString(TagNames.ModeStation));
    }

    [Fact]
    public async Task A_reserve_out_of_range_is_refused_before_sending_and_a_dry_run_shows_the_merge_with_its_version()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var source = Source(home);
        var battery = home.Simulation!.BatteryGuid;
        var oca = home.Simulation.Devices.GetTag(battery, "StateOfChargeMinimum")!.Oca;

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => source.ChangeSettingAsync(battery, "StateOfChargeMinimum", "150"));
        var request = await source.PreviewChangeAsync(battery, "stateofchargeminimum", "25");

        Assert.StartsWith("StateOfChargeMinimum takes a number from 0 to 100 %; 150 is outside.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(
            new SettingRequest("send", "deviceservice.mergeDevice", $$"""{"deviceId":"{{battery}}","tagValues":{"StateOfChargeMinimum":{"value":25,"oca":{{oca}}""" + "}}}"),
            request);
        Assert.Equal(10, home.Simulation.Devices.GetValue(battery, "StateOfChargeMinimum")!.GetValue<double>());
    }

    [Fact]
    public async Task Raising_the_reserve_reads_back_the_new_value()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var source = Source(home);

        var change = await source.ChangeSettingAsync(home.Simulation!.BatteryGuid, "StateOfChargeMinimum", "35");

        Assert.Equal(("10", "35", true), (change.Before.Value, change.After.Value, change.SeenInReadBack));
    }

    private static (string, SettingKind, string?) Describe(SiteSetting setting) => (setting.Name, setting.Kind, setting.Value);
}
