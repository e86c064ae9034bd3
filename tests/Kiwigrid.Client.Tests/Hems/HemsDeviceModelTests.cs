using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Client.Tests.Hems;

/// <summary>The HEMS answers as Kiwigrid devices: the energy flow read from them must be the API's, signs and all.</summary>
public sealed class HemsDeviceModelTests
{
    private static HemsSiteSnapshot Site(string energyFlowFile) => new(
        HemsFixtureTests.Object(energyFlowFile, HemsEnergyFlow.Read),
        HemsFixtureTests.List("battery.json", HemsBattery.Read),
        HemsFixtureTests.List("pv-plant.json", HemsPvPlant.Read),
        HemsFixtureTests.List("evstation.json", HemsDevice.Read),
        HemsFixtureTests.List("plug.json", HemsDevice.Read),
        HemsFixtureTests.List("smart-heater.json", HemsSmartHeater.Read),
        HemsFixtureTests.List("home-consumption-consumers.json", HemsConsumer.Read));

    [Theory]
    [InlineData("energy-flow.json")]
    [InlineData("energy-flow-grid-import.json")]
    [InlineData("energy-flow-battery-to-grid.json")]
    public void The_devices_give_the_energy_flow_the_api_reports(string file)
    {
        var site = Site(file);
        var api = site.EnergyFlow;

        var flow = EnergyFlow.From(HemsDeviceModel.Build(site, []));

        Assert.Equal(api.Pv.Out, flow.PvProduction?.Value);
        Assert.Equal(api.Consumption.In, flow.HouseConsumption?.Value);
        Assert.Equal(api.Grid.In, flow.GridImport?.Value);
        Assert.Equal(api.Grid.Out, flow.GridExport?.Value);
        Assert.Equal(api.Grid.Balance, flow.GridPower?.Value);
        Assert.Equal(api.Battery.In, flow.BatteryCharging?.Value);
        Assert.Equal(api.Battery.Out, flow.BatteryDischarging?.Value);

        // The API's battery balance is in − out; the model's battery power is positive when discharging.
        Assert.Equal(-api.Battery.Balance, flow.BatteryPower?.Value);
        Assert.Equal("W", flow.HouseConsumption?.Unit);
    }

    [Fact]
    public void The_state_of_charge_is_the_live_one_in_percent()
    {
        var flow = EnergyFlow.From(HemsDeviceModel.Build(Site("energy-flow.json"), []));

        Assert.Equal(34.444, flow.BatteryStateOfCharge!.Value.Value, 3);
        Assert.Equal("%", flow.BatteryStateOfCharge.Value.Unit);
        Assert.Equal(1, flow.BatteryCount);
    }

    [Fact]
    public void Each_answer_becomes_a_device_of_its_kind_under_its_hems_id()
    {
        var devices = HemsDeviceModel.Build(Site("energy-flow.json"), []);

        Assert.Equal(
            [DeviceKind.Location, DeviceKind.Battery, DeviceKind.PVPlant, DeviceKind.EVStation, DeviceKind.Plug, DeviceKind.SmartHeater],
            devices.Select(d => d.Kind));
        var location = devices[0];
        Assert.Equal("e34b5f52-bf2a-43b5-a2fb-caf2ed624624", location.Guid);
        Assert.Equal(DeviceClassNames.Location, location.MostSpecificClass);

        var battery = Battery.From(devices[1])!;
        Assert.Equal(("9c319824-bda6-4bbd-ac20-764dc1cfa34c", "SOLARWATT Battery vision three"), (battery.Device.Guid, battery.Device.Name));
        Assert.Equal((0d, 490d, 5120d), (battery.PowerACIn!.Value, battery.PowerACOut!.Value, battery.WorkCapacity!.Value));

        Assert.Equal(20000, devices[2].GetDouble(TagNames.PowerInstalledPeak));
        Assert.Equal(0, devices[2].GetDouble(TagNames.PowerACOut));
        Assert.Equal(0, devices[3].GetDouble(TagNames.PowerACIn));
        Assert.Equal(1.68, devices[4].GetDouble(TagNames.PowerIn));
        Assert.Equal("107", devices[4].GetString(TagNames.IdModelCode));
        Assert.Equal(3500, devices[5].GetDouble(TagNames.PowerACInMax));
        Assert.Equal("W", devices[0].GetTag(TagNames.PowerConsumed)!.Unit);
    }

    [Fact]
    public void The_battery_share_fed_into_the_grid_is_not_counted_as_pv()
    {
        var location = HemsDeviceModel.Build(Site("energy-flow-battery-to-grid.json"), [])[0];

        Assert.Equal(6, location.GetDouble(TagNames.PowerOutFromStorage));
        Assert.Equal(0, location.GetDouble(TagNames.PowerOutFromProducers));
        Assert.Equal(0, location.GetDouble(TagNames.PowerSelfConsumed));
        Assert.Equal(949, location.GetDouble(TagNames.PowerSelfSupplied));
    }

    [Fact]
    public void Extra_location_tags_join_the_location()
    {
        var counter = new TagValue(TagNames.WorkProduced, System.Text.Json.JsonDocument.Parse("1234.5").RootElement);

        var location = HemsDeviceModel.Build(Site("energy-flow.json"), [counter])[0];

        Assert.Equal(1234.5, location.GetDouble(TagNames.WorkProduced));
    }

    [Fact]
    public void Without_device_lists_the_location_gets_a_fixed_guid()
    {
        var devices = HemsDeviceModel.Build(Site("energy-flow-grid-import.json"), []);

        Assert.Equal(HemsDeviceModel.FallbackLocationGuid, devices[0].Guid);

        // /battery still names the battery, with its own state of charge when the flow has no per-device share.
        Assert.Equal(82, Battery.From(devices[1])!.StateOfCharge!.Value, 6);
    }
}
