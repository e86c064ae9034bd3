using System.Text;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Manager;
using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>The manager/ fixtures read into Kiwigrid devices and the energy flow, with the bus's tag names and signs.</summary>
public sealed class ManagerFixtureTests
{
    private static byte[] Fixture(string file) => File.ReadAllBytes(RepoPaths.Fixture("manager", file));

    private static IReadOnlyList<Device> Overview(string file, string? thingsFile = null) =>
        ManagerDeviceModel.FromEnergyOverview(
            ManagerEnergyOverview.Parse(Fixture(file)),
            thingsFile is null ? [] : ManagerThing.ParseList(Fixture(thingsFile), ManagerThing.ConfiguratorPath));

    [Fact]
    public void Feed_in_is_export_and_feed_out_is_import()
    {
        var flow = EnergyFlow.From(Overview("energy-overview.json"));

        Assert.Equal(730, flow.PvProduction!.Value.Value);
        Assert.Equal(501, flow.GridExport!.Value.Value);
        Assert.Equal(0, flow.GridImport!.Value.Value);
        Assert.Equal(229, flow.HouseConsumption!.Value.Value);
        Assert.Equal(-501, flow.GridPower!.Value.Value);

        // Sources equal uses: 730 PV + 0 grid + 0 battery = 229 house + 501 grid + 0 battery.
        Assert.Equal(flow.PvProduction!.Value.Value + flow.GridImport!.Value.Value + flow.BatteryDischarging!.Value.Value,
            flow.HouseConsumption!.Value.Value + flow.GridExport!.Value.Value + flow.BatteryCharging!.Value.Value);
        Assert.Equal(229d / 730 * 100, flow.SelfConsumption!.Value.Value, 6);
        Assert.Equal(100, flow.SelfSufficiency!.Value.Value);
    }

    [Fact]
    public void A_discharging_battery_feeds_the_house_at_night()
    {
        var devices = Overview("energy-overview-discharging.json");
        var flow = EnergyFlow.From(devices);

        Assert.Equal(945, flow.BatteryDischarging!.Value.Value);
        Assert.Equal(945, flow.BatteryPower!.Value.Value);
        Assert.Equal(10, flow.GridImport!.Value.Value);
        Assert.Equal(955, flow.HouseConsumption!.Value.Value);
        var battery = Assert.Single(devices, d => d.Kind == DeviceKind.Battery);
        Assert.Equal(945, battery.GetDouble(TagNames.PowerACOut));
    }

    [Fact]
    public void A_null_value_leaves_its_tag_out_and_fractions_stay()
    {
        var devices = Overview("energy-overview-null-value.json");
        var location = Assert.Single(devices, d => d.Kind == DeviceKind.Location);

        Assert.False(location.Tags.ContainsKey(TagNames.PowerBuffered));
        Assert.Equal(7.5, location.GetDouble(TagNames.PowerIn));
        Assert.Equal(178, location.GetDouble(TagNames.PowerReleased));
        Assert.Null(EnergyFlow.From(devices).BatteryCharging);
    }

    [Fact]
    public void Battery_soc_is_a_percentage_already()
    {
        var devices = Overview("energy-overview-battery-soc.json");

        Assert.Equal(54.444444, EnergyFlow.From(devices).BatteryStateOfCharge!.Value.Value);
        Assert.Equal(ManagerDeviceModel.FallbackBatteryGuid, Assert.Single(devices, d => d.Kind == DeviceKind.Battery).Guid);

        // Nothing else was sent, so nothing else is shown: no PV plant, no power on the Location.
        Assert.DoesNotContain(devices, d => d.Kind == DeviceKind.PVPlant);
        Assert.Null(EnergyFlow.From(devices).PvProduction);
    }

    [Fact]
    public void Things_give_the_devices_their_ids_and_classes()
    {
        var devices = Overview("energy-overview-site-2.json", "hems-configurator-things-site.json");

        Assert.Equal("kiwigrid-location:standard:location-id", devices[0].Guid);
        Assert.Equal(DeviceKind.Location, devices[0].Kind);
        Assert.Equal(329, Assert.Single(devices, d => d.Guid == "pvplant:standard:pv-id").GetDouble(TagNames.PowerACOut));
        var battery = Assert.Single(devices, d => d.Guid == "foxesshybrid:battery:serial");
        Assert.Equal(DeviceKind.Battery, battery.Kind);
        Assert.Equal(107, battery.GetDouble(TagNames.PowerACOut));
        var meter = Assert.Single(devices, d => d.Guid == "foxesshybrid:meter:serial");
        Assert.Equal(DeviceKind.PowerMeter, meter.Kind);
        Assert.Equal(9, meter.GetDouble(TagNames.PowerIn));
        Assert.Equal(DeviceKind.Inverter, Assert.Single(devices, d => d.Guid == "foxesshybrid:inverter:serial").Kind);
        Assert.Equal(5, devices.Count);
    }

    [Fact]
    public void A_thing_carries_its_label_serial_and_status()
    {
        var devices = Overview("energy-overview-battery-soc.json", "hems-configurator-things.json");
        var battery = Assert.Single(devices, d => d.Kind == DeviceKind.Battery);

        Assert.Equal("foxesshybrid:battery:123", battery.Guid);
        Assert.Equal("Vision Battery", battery.GetString(TagNames.IdName));
        Assert.Equal("123", battery.GetString(TagNames.IdSerialNumber));
        Assert.Equal("ONLINE", battery.GetString(TagNames.StateDevice));
        Assert.Equal(54.444444, battery.GetDouble(TagNames.StateOfCharge));
    }

    [Fact]
    public void An_inverter_thing_is_an_inverter()
    {
        var thing = Assert.Single(ManagerThing.ParseList(Fixture("hems-configurator-things-inverter.json"), ManagerThing.ConfiguratorPath));

        Assert.Equal(ManagerThingKind.Inverter, thing.Kind);
        Assert.Equal("SOLARWATT Inverter", thing.Label);
    }

    [Fact]
    public void A_malformed_overview_is_a_protocol_error_naming_the_endpoint()
    {
        var error = Assert.Throws<KiwigridProtocolException>(() => ManagerEnergyOverview.Parse("[1,2]"u8.ToArray()));

        Assert.Contains("/rest/hems-configurator/energy-overview", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sign_in_page_is_recognised()
    {
        Assert.True(new ManagerAnswer(200, "text/html", Fixture("signin.html"), null, null).IsSignInPage);
        Assert.False(new ManagerAnswer(200, "text/html", "<html><body>router</body></html>"u8.ToArray(), null, null).IsSignInPage);
        Assert.True(new ManagerAnswer(200, "application/json", Encoding.UTF8.GetBytes("  <html>"), null, null).IsHtml);
    }
}
