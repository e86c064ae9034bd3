using System.Text.Json.Nodes;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>Tag writes through the client: settings are accepted with a new version and steer the simulation.</summary>
public class MergeDeviceTests
{
    private const string MinimumSoc = "StateOfChargeMinimum";

    /// <summary>A June night: no sun, the house draws from a battery that starts at 80 %.</summary>
    private static readonly DateTimeOffset JuneNight = new(2025, 6, 21, 22, 0, 0, TimeSpan.FromHours(2));

    private static SimulationOptions NightWithFullishBattery(SimulationOptions o) => o with { InitialStateOfCharge = 80, WithEvStation = false };

    [Fact]
    public async Task Raising_the_minimum_state_of_charge_is_accepted_with_the_next_oca_and_stops_the_battery_discharging()
    {
        await using var home = await EmulatedHome.StartAsync(start: JuneNight, simulation: NightWithFullishBattery);
        await using var control = await EmulatedHome.StartAsync(start: JuneNight, simulation: NightWithFullishBattery);
        await using var client = await home.ConnectAsync();
        var guid = home.Simulation!.BatteryGuid;
        var before = (await client.GetDeviceAsync(guid))!;
        var oca = before.GetTag(MinimumSoc)!.Oca!.Value;
        Assert.Equal(10, before.GetDouble(MinimumSoc));

        var result = await client.SetTagValuesAsync(guid, new Dictionary<string, TagWrite> { [MinimumSoc] = new(JsonValue.Create(80), oca) });

        Assert.True(result.AllAccepted, string.Join("; ", result.Failed.Values.Select(f => f.Reason)));
        var accepted = result.Accepted[MinimumSoc];
        Assert.Equal(oca + 1, accepted.Oca);
        Assert.Equal(80, accepted.AsDouble());
        var reread = (await client.GetDeviceAsync(guid))!.GetTag(MinimumSoc)!;
        Assert.Equal(80, reread.AsDouble());
        Assert.Equal(oca + 1, reread.Oca);

        // Two hours of night later: the home without the write drained its battery, this one held it at 80 %.
        home.Clock.Advance(TimeSpan.FromHours(2));
        control.Clock.Advance(TimeSpan.FromHours(2));
        var held = await client.GetEnergyFlowAsync();
        control.Emulator.Site.Update(); // nobody reads the control through the bus, which would bring it up to date
        var drained = control.Simulation!.Devices.GetValue(control.Simulation.BatteryGuid, "StateOfCharge")!.GetValue<double>();

        Assert.True(drained < 78, $"without the write the battery discharges at night: {drained} %");
        Assert.InRange(held.BatteryStateOfCharge!.Value.Value, 79.9, 80.1);
        Assert.Equal(0, held.BatteryDischarging!.Value.Value);
        Assert.Equal(held.HouseConsumption!.Value.Value, held.GridImport!.Value.Value, 6); // the grid carries the house now
    }

    [Fact]
    public async Task A_stale_oca_and_a_read_only_measurement_are_reported_as_failed_and_change_nothing()
    {
        await using var home = await EmulatedHome.StartAsync(start: JuneNight, simulation: NightWithFullishBattery);
        await using var client = await home.ConnectAsync();
        var guid = home.Simulation!.BatteryGuid;
        var battery = (await client.GetDeviceAsync(guid))!;
        var oca = battery.GetTag(MinimumSoc)!.Oca!.Value;
        var soc = battery.GetTag("StateOfCharge")!;
        Assert.True((await client.SetTagValuesAsync(guid, new Dictionary<string, TagWrite> { [MinimumSoc] = new(JsonValue.Create(20), oca) })).AllAccepted);

        var stale = await client.SetTagValuesAsync(guid, new Dictionary<string, TagWrite> { [MinimumSoc] = new(JsonValue.Create(90), oca) });
        var readOnly = await client.SetTagValuesAsync(guid, new Dictionary<string, TagWrite> { ["StateOfCharge"] = new(JsonValue.Create(100), soc.Oca) });

        var staleFailure = Assert.Single(stale.Failed).Value;
        Assert.Empty(stale.Accepted);
        Assert.Contains("stale", staleFailure.Reason, StringComparison.OrdinalIgnoreCase);
        var readOnlyFailure = Assert.Single(readOnly.Failed).Value;
        Assert.Equal("StateOfCharge", readOnlyFailure.TagName);
        Assert.Contains("read-only", readOnlyFailure.Reason, StringComparison.OrdinalIgnoreCase);

        var after = (await client.GetDeviceAsync(guid))!;
        Assert.Equal(20, after.GetDouble(MinimumSoc));
        Assert.Equal(oca + 1, after.GetTag(MinimumSoc)!.Oca);
        Assert.Equal(soc.AsDouble(), after.GetDouble("StateOfCharge"));
    }

    [Fact]
    public async Task Writing_to_a_device_that_does_not_exist_is_a_404()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() =>
            client.SetTagValuesAsync("urn:kiwigrid:nothing:here", new Dictionary<string, TagWrite> { [MinimumSoc] = new(JsonValue.Create(20), 1) }));

        Assert.Equal(404, error.Code);
        Assert.Contains("urn:kiwigrid:nothing:here", error.Message, StringComparison.Ordinal);
    }
}
