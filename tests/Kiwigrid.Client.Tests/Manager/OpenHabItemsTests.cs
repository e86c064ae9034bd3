using System.Text;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Manager;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>Old Manager firmware: openHAB item states in the model's units, items grouped into the things' devices.</summary>
public sealed class OpenHabItemsTests
{
    [Theory]
    [InlineData("730 W", 730, "W")]
    [InlineData("1.5 kW", 1500, "W")]
    [InlineData("12345.6 Wh", 12345.6, "Wh")]
    [InlineData("12.5 kWh", 12500, "Wh")]
    [InlineData("3600 Ws", 1, "Wh")]
    [InlineData("54.4 %", 54.4, "%")]
    [InlineData("1500 mA", 1500, "mA")]
    [InlineData("42", 42, "")]
    [InlineData("-3.5E2 W", -350, "W")]
    public void A_state_reads_as_a_number_in_the_models_unit(string state, double value, string unit)
    {
        var parsed = OpenHabItemState.Parse(state)!.Value;

        Assert.Equal(value, parsed.Value, 9);
        Assert.Equal(unit, parsed.Unit);
        Assert.Null(parsed.Timestamp);
    }

    [Theory]
    [InlineData("NULL")]
    [InlineData("UNDEF")]
    [InlineData("UNINITIALIZED")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ON")]
    [InlineData("1714131600000|UNDEF")]
    public void No_value_is_null(string? state) => Assert.Null(OpenHabItemState.Parse(state));

    [Fact]
    public void A_timestamped_state_keeps_its_time()
    {
        var parsed = OpenHabItemState.Parse("1714131600000|1234 W")!.Value;

        Assert.Equal(1234, parsed.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714131600000), parsed.Timestamp);
    }

    [Fact]
    public void Item_names_use_the_thing_uid_with_non_alphanumerics_as_underscores() =>
        Assert.Equal("kiwigrid_location_standard_a1b2", OpenHabItem.KeyOf("kiwigrid-location:standard:a1b2"));

    [Fact]
    public void Items_become_the_sites_devices_with_counters_in_wh()
    {
        var items = OpenHabItem.ParseList(Encoding.UTF8.GetBytes("""
            [
              {"name":"kiwigrid_location_standard_loc_harmonized_power_in","state":"10 W","type":"Number:Power"},
              {"name":"kiwigrid_location_standard_loc_harmonized_power_out","state":"0 W"},
              {"name":"kiwigrid_location_standard_loc_harmonized_power_produced","state":"1.2 kW"},
              {"name":"kiwigrid_location_standard_loc_harmonized_power_consumed","state":"1714131600000|810 W"},
              {"name":"kiwigrid_location_standard_loc_harmonized_power_buffered","state":"400 W"},
              {"name":"kiwigrid_location_standard_loc_harmonized_power_released","state":"0 W"},
              {"name":"kiwigrid_location_standard_loc_harmonized_work_in_total","state":"1234.5 kWh"},
              {"name":"kiwigrid_location_standard_loc_harmonized_work_produced_total","state":"NULL"},
              {"name":"kiwigrid_location_standard_loc_harmonized_work_out_total","state":"12 W"},
              {"name":"foxesshybrid_battery_sn1_harmonized_state_of_charge","state":"54.4 %"},
              {"name":"foxesshybrid_battery_sn1_harmonized_power_in","state":"400 W"},
              {"name":"foxesshybrid_battery_sn1_harmonized_work_out_total","state":"2 kWh"},
              {"name":"pvplant_standard_pv_harmonized_power_out","state":"1200 W"},
              {"name":"foxesshybrid_meter_sn1_harmonized_power_in","state":"10 W"},
              {"name":"some_other_item","state":"1 W"}
            ]
            """));
        var things = ManagerThing.ParseList(Encoding.UTF8.GetBytes("""
            [
              {"UID":"kiwigrid-location:standard:loc","label":"Home","thingTypeUID":"kiwigrid-location:standard","statusInfo":{"status":"ONLINE"}},
              {"UID":"foxesshybrid:battery:sn1","label":"Vision Battery","thingTypeUID":"foxesshybrid:battery"},
              {"UID":"foxesshybrid:bridge:sn1","thingTypeUID":"foxesshybrid:bridge"},
              {"UID":"foxesshybrid:inverter:sn1","label":"Inverter","thingTypeUID":"foxesshybrid:inverter"}
            ]
            """), ManagerThing.OpenHabPath);

        var devices = ManagerDeviceModel.FromItems(items, things);

        var location = devices[0];
        Assert.Equal(("kiwigrid-location:standard:loc", DeviceKind.Location), (location.Guid, location.Kind));
        Assert.Equal("Home", location.GetString(TagNames.IdName));
        Assert.Equal(1200, location.GetDouble(TagNames.PowerProduced));
        Assert.Equal(1_234_500, location.GetDouble(TagNames.WorkIn));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714131600000), location.Tags[TagNames.PowerConsumed].Timestamp);
        Assert.False(location.Tags.ContainsKey(TagNames.WorkProduced));
        Assert.False(location.Tags.ContainsKey(TagNames.WorkOut));
        var battery = Assert.Single(devices, d => d.Kind == DeviceKind.Battery);
        Assert.Equal(("foxesshybrid:battery:sn1", 54.4, 400d, 2000d),
            (battery.Guid, battery.GetDouble(TagNames.StateOfCharge), battery.GetDouble(TagNames.PowerACIn), battery.GetDouble(TagNames.WorkACOut)));
        Assert.Equal(("pvplant_standard_pv", 1200d), Single(devices, DeviceKind.PVPlant, TagNames.PowerACOut));
        Assert.Equal(("foxesshybrid_meter_sn1", 10d), Single(devices, DeviceKind.PowerMeter, TagNames.PowerIn));
        Assert.Equal("Inverter", Assert.Single(devices, d => d.Kind == DeviceKind.Inverter).GetString(TagNames.IdName));
        Assert.Equal(5, devices.Count);

        var flow = EnergyFlow.From(devices);
        Assert.Equal(flow.PvProduction!.Value.Value + flow.GridImport!.Value.Value + flow.BatteryDischarging!.Value.Value,
            flow.HouseConsumption!.Value.Value + flow.GridExport!.Value.Value + flow.BatteryCharging!.Value.Value);
        Assert.Equal(54.4, flow.BatteryStateOfCharge!.Value.Value);
    }

    private static (string Guid, double? Value) Single(IReadOnlyList<Device> devices, DeviceKind kind, string tag)
    {
        var device = Assert.Single(devices, d => d.Kind == kind);
        return (device.Guid, device.GetDouble(tag));
    }
}
