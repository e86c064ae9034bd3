using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Sources;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// Control through today's cloud against the emulator: a change is sent, read back from <c>/device/optimization</c>
/// and steers the simulated home; what is refused is refused before sending (bad values) or with the server's reason.
/// </summary>
public class HemsControlTests
{
    private static HemsClientOptions Quick(EmulatedHome home) => HemsHome.Options(home) with
    {
        SettingReadBackTimeout = TimeSpan.FromSeconds(5),
        SettingReadBackInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Switching_the_plug_off_reads_back_OFF_and_the_home_s_consumption_falls_by_its_draw()
    {
        await using var home = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var control = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var source = new HemsSiteSource(await HemsHome.ConnectAsync(home, Quick(home)));
        await using var unchanged = new HemsSiteSource(await HemsHome.ConnectAsync(control, Quick(control)));
        var plug = home.Simulation!.PlugGuid!;

        var change = await source.ChangeSettingAsync(plug, "switch_state", "off");

        Assert.Equal("ON", change.Before.Value);
        Assert.Equal("OFF", change.After.Value);
        Assert.True(change.SeenInReadBack);
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        control.Clock.Advance(TimeSpan.FromMinutes(5));
        var devices = await source.GetDevicesAsync();
        Assert.Equal(0, devices.Single(d => d.Guid == plug).GetDouble(TagNames.PowerIn));
        var consumed = (await source.GetEnergyFlowAsync()).HouseConsumption!.Value.Value;
        var before = (await unchanged.GetEnergyFlowAsync()).HouseConsumption!.Value.Value;
        Assert.Equal(before - home.Simulation.Options.PlugPower, consumed, 3);
    }

    [Fact]
    public async Task Switching_the_wallbox_off_while_the_car_charges_stops_the_charging()
    {
        await using var home = await EmulatedHome.StartAsync(start: ChargingEvening.Find());
        await using var source = new HemsSiteSource(await HemsHome.ConnectAsync(home, Quick(home)));
        var station = home.Simulation!.EvStationGuid!;
        Assert.True((await source.GetDevicesAsync()).Single(d => d.Guid == station).GetDouble(TagNames.PowerACIn) > 1000);

        var change = await source.ChangeSettingAsync(station, "switch_state", "OFF");

        Assert.True(change.SeenInReadBack);
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await source.GetDevicesAsync()).Single(d => d.Guid == station).GetDouble(TagNames.PowerACIn));
    }

    [Fact]
    public async Task A_mode_the_device_does_not_take_is_refused_before_anything_is_sent_and_the_cloud_refuses_it_with_its_reason()
    {
        var tap = new LoginTap();
        await using var home = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        await using var source = new HemsSiteSource(await HemsHome.ConnectAsync(home, Quick(home) with { HttpMessageHandler = tap }));
        var plug = home.Simulation!.PlugGuid!;

        var local = await Assert.ThrowsAsync<ArgumentException>(() => source.ChangeSettingAsync(plug, "optimization_mode", "DEPARTURE_TIME"));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => source.ChangeSettingAsync("urn:nowhere:0", "switch_state", "OFF"));
        var refused = await Assert.ThrowsAsync<KiwigridServiceException>(() => source.Client.SetOptimizationModeAsync(plug, "DEPARTURE_TIME"));

        Assert.StartsWith("optimization_mode takes NOT_OPTIMIZED, PV_EXCESS;", local.Message, StringComparison.Ordinal);
        Assert.Contains(plug, unknown.Message, StringComparison.Ordinal);
        Assert.Equal(400, refused.Code);
        Assert.Contains("takes the optimization modes NOT_OPTIMIZED, PV_EXCESS", refused.Message, StringComparison.Ordinal);
        Assert.Single(tap.Requests, r => r.Uri.AbsolutePath.EndsWith("/optimization/config", StringComparison.Ordinal));
        Assert.Equal("NOT_OPTIMIZED", (await source.GetSettingsAsync()).Single(s => s.DeviceId == plug && s.Name == "optimization_mode").Value);
    }

    [Fact]
    public async Task A_connection_lost_between_the_write_and_the_read_back_ends_in_one_sentence_saying_the_change_was_accepted()
    {
        var cut = false;
        var tap = new LoginTap(
            rewrite: (request, response) =>
            {
                cut |= request.Method == HttpMethod.Put;
                return response;
            },
            beforeSending: _ =>
            {
                if (cut)
                {
                    throw new HttpRequestException("Connection refused (the test cut it)");
                }
            });
        await using var home = await EmulatedHome.StartAsync(simulation: o => o with { WithPlug = true });
        var options = Quick(home) with { HttpMessageHandler = tap, SettingReadBackTimeout = TimeSpan.FromSeconds(1) };
        await using var source = new HemsSiteSource(await HemsHome.ConnectAsync(home, options));
        var plug = home.Simulation!.PlugGuid!;

        var lost = await Assert.ThrowsAsync<KiwigridConnectionException>(() => source.ChangeSettingAsync(plug, "switch_state", "OFF"))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("was sent as OFF and accepted, but it could not be read back", lost.Message, StringComparison.Ordinal);
        Assert.Equal("OFF", home.Simulation.Devices.GetValue(plug, "ModeRelay")!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_shows_the_request_without_the_token_and_changes_nothing()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var source = new HemsSiteSource(await HemsHome.ConnectAsync(home, Quick(home)));
        var station = home.Simulation!.EvStationGuid!;

        var request = await source.PreviewChangeAsync(station, "optimization_mode", "pv_excess");

        Assert.Equal(new SettingRequest("PATCH", $"/v11/device/{Uri.EscapeDataString(station)}/optimization/config", """{"optimization_mode":"PV_EXCESS"}"""), request);
        Assert.Equal("NOT_OPTIMIZED", (await source.GetSettingsAsync()).Single(s => s.DeviceId == station && s.Name == "optimization_mode").Value);
    }
}
