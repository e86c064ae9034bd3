using System.Text.Json.Nodes;

using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Sites;

public class SimulatedSiteDevicesTests
{
    private static readonly string[] CommonTags =
        ["IdName", "IdManufacturer", "IdModelCode", "IdSerialNumber", "IdFirmware", "IdDriver", "IdFingerPrint", "StateDevice", "StateErrorList", "StateVisibleIsSet", "StateLockedIsSet"];

    [Fact]
    public void The_site_lists_the_devices_of_a_real_battery_flex_installation()
    {
        var run = new SiteClock(SiteClock.At(SimulatedSiteEnergyTests.Midnight(6, 21)));
        var devices = run.Site.Devices.ToDocuments(cloudShape: false).ToDictionary(d => d["guid"]!.GetValue<string>());

        Assert.Equal(
            ["ERC05-000012345", "urn:kiwigrid:gridflow:ERC05-000012345", "urn:app:schedule:ERC05-000012345", "urn:app:profile:ERC05-000012345",
             "urn:kiwigrid:location:ERC05-000012345:0", "urn:kiwigrid:pvplant:ERC05-000012345:0"],
            devices.Keys.Take(6));
        Assert.Equal(["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.em.EnergyManager"], Classes(devices["ERC05-000012345"]));
        Assert.Equal("com.kiwigrid.devices.solarwatt.BatteryFlex.BatteryFlex", Classes(devices[run.Site.BatteryGuid])[^1]);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", run.Site.BatteryGuid);
        Assert.Matches("^urn:sunspec:fronius:inverter:[0-9]{8}$", run.GuidOf("SunSpecInverter"));
        Assert.Matches("^urn:keba:evstation:[0-9]{8}$", run.Site.EvStationGuid!);
        Assert.Equal(["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.evstation.EVStation", "com.kiwigrid.devices.keba.ev.KebaEv"], Classes(devices[run.Site.EvStationGuid!]));

        foreach (var (guid, device) in devices)
        {
            var tags = device["tagValues"]!.AsObject();
            Assert.All(CommonTags, tag => Assert.True(tags.ContainsKey(tag), $"{guid} lacks {tag}"));
            Assert.Equal("OK", tags["StateDevice"]!["value"]!.GetValue<string>());
            Assert.All(tags, tag => Assert.Equal(guid, tag.Value!["guid"]!.GetValue<string>()));
        }

        Assert.False(Value(devices["ERC05-000012345"], "StateVisibleIsSet")!.GetValue<bool>());
        Assert.True(Value(devices[run.Site.BatteryGuid], "StateVisibleIsSet")!.GetValue<bool>());
        Assert.Equal("ERC05", Value(devices["ERC05-000012345"], "IdModelCode")!.GetValue<string>());
        var nulls = devices.Values.Sum(d => d["tagValues"]!.AsObject().Count(t => t.Value!["value"] is null));
        Assert.InRange(nulls, 120, 250);
    }

    [Fact]
    public void Battery_flex_and_its_meter_carry_every_tag_of_the_real_dump()
    {
        var dump = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json")))!["result"]!["items"]!.AsArray();
        var run = new SiteClock(SiteClock.At(SimulatedSiteEnergyTests.Midnight(6, 21)));
        var site = run.Site.Devices.ToDocuments(cloudShape: false);

        foreach (var kind in new[] { "BatteryFlex", "BatteryFlexPowermeter", "Location", "PVPlant", "SunSpecInverter", "EnergyManager" })
        {
            var real = dump.Single(d => Classes(d!)[^1].EndsWith("." + kind, StringComparison.Ordinal))!["tagValues"]!.AsObject();
            var ours = site.Single(d => Classes(d)[^1].EndsWith("." + kind, StringComparison.Ordinal))["tagValues"]!.AsObject();
            Assert.All(real, tag => Assert.True(ours.ContainsKey(tag.Key), $"{kind} lacks {tag.Key}"));
        }
    }

    [Fact]
    public void The_location_knows_its_topology_and_address()
    {
        var run = new SiteClock(SiteClock.At(SimulatedSiteEnergyTests.Midnight(6, 21)));
        var topology = run.Site.Devices.GetValue(run.Site.LocationGuid, "IdDevicesMap")!;
        var address = run.Site.Devices.GetValue(run.Site.LocationGuid, "AddressLocation")!;

        Assert.Equal(run.Site.BatteryGuid, topology["INNER_BUFFER"]![0]!.GetValue<string>());
        Assert.Equal(run.GuidOf("PVPlant"), topology["INNER_PRODUCER"]![0]!.GetValue<string>());
        Assert.Equal(run.GuidOf("BatteryFlexPowermeter"), topology["POWERMETER_CONSUMPTION"]![0]!.GetValue<string>());
        Assert.Equal("Dresden", address["city"]!.GetValue<string>());
        Assert.Equal(0.7, run.Number(run.GuidOf("PVPlant"), "FractionDeratingLimit"));
        Assert.Equal(9600, run.Number(run.Site.BatteryGuid, "WorkCapacity"));
    }

    private static JsonNode? Value(JsonObject device, string tag) => device["tagValues"]![tag]!["value"];

    private static List<string> Classes(JsonNode device) =>
        device["deviceModel"]!.AsArray().Select(c => c!["deviceClass"]!.GetValue<string>()).ToList();
}
