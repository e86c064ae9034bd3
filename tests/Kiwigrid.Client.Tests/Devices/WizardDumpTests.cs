using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

public class WizardDumpTests
{
    [Theory]
    [InlineData("solarwatt-em-1.json", 11, 408)]
    [InlineData("solarwatt-em-2.json", 14, 530)]
    [InlineData("solarwatt-em-3.json", 18, 747)]
    [InlineData("solarwatt-em-batteryflex.json", 9, 433)]
    public void Every_device_and_every_tag_of_a_real_dump_is_read(string file, int deviceCount, int tagCount)
    {
        var devices = DeviceParser.ParseDeviceList(Fixtures.Bytes(file));

        Assert.Equal(deviceCount, devices.Count);
        Assert.Equal(tagCount, devices.Sum(d => d.Tags.Count));
        var items = Fixtures.Items(file).EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(items[i].GetProperty("guid").GetString(), devices[i].Guid);
            Assert.Equal(items[i].GetProperty("deviceModel").GetArrayLength(), devices[i].DeviceClasses.Count);
            Assert.All(devices[i].Tags, t => Assert.Equal(t.Key, t.Value.Name));
        }
    }

    [Theory]
    [InlineData("solarwatt-em-1.json")]
    [InlineData("solarwatt-em-3.json")]
    public void Every_value_stays_as_sent_after_the_reply_it_came_in_is_overwritten(string file)
    {
        // The read loop gives a reply's memory back to the pool once it is read: what the devices hold must be their own.
        var reply = Fixtures.Bytes(file);
        var devices = DeviceParser.ReadDeviceList(reply);
        reply.AsSpan().Fill((byte)' ');

        var items = Fixtures.Items(file).EnumerateArray().ToList();
        var compared = 0;
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var expected in items[i].GetProperty("tagValues").EnumerateObject())
            {
                var tag = devices[i].Tags[expected.Name];
                Assert.True(JsonElement.DeepEquals(expected.Value.GetProperty("value"), tag.Value), $"{expected.Name}: {tag}");
                compared++;
            }
        }

        Assert.Equal(devices.Sum(d => d.Tags.Count), compared);
    }

    [Fact]
    public void Kinds_follow_the_most_specific_well_known_class()
    {
        var devices = DeviceParser.ParseDeviceList(Fixtures.Bytes("solarwatt-em-2.json"));
        var kinds = devices.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1, kinds[DeviceKind.Location]);
        Assert.Equal(1, kinds[DeviceKind.EnergyManager]);
        Assert.Equal(1, kinds[DeviceKind.Battery]); // MyReserve is also an Inverter: the battery class is more specific.
        Assert.Equal(2, kinds[DeviceKind.Inverter]);
        Assert.Equal(1, kinds[DeviceKind.PowerMeter]);
        Assert.Equal(1, kinds[DeviceKind.Plug]);
        Assert.Equal(1, kinds[DeviceKind.PVPlant]);
        Assert.Equal(6, kinds[DeviceKind.App]);
        Assert.False(kinds.ContainsKey(DeviceKind.Unknown));

        var battery = devices.Single(d => d.Kind == DeviceKind.Battery);
        Assert.Equal("MyReserve", battery.Name);
        Assert.Equal("com.kiwigrid.devices.solarwatt.MyReserve", battery.MostSpecificClass);
        Assert.True(battery.IsA(DeviceClassNames.Inverter));
        Assert.Equal(90, Battery.From(battery)!.StateOfCharge);
        Assert.Null(Inverter.From(battery));
    }

    [Fact]
    public void Absurd_counters_are_kept_as_sent()
    {
        var devices = DeviceParser.ParseDeviceList(Fixtures.Bytes("solarwatt-em-2.json"));
        var site = Site.From(devices.Single(d => d.Kind == DeviceKind.Location))!;

        Assert.Equal(Fixtures.LocationValue("solarwatt-em-2.json", "WorkProduced"), site.WorkProduced);
        Assert.True(site.WorkProduced > 500_000_000);
    }

    [Theory]
    [InlineData("solarwatt-em-1.json")]
    [InlineData("solarwatt-em-2.json")]
    [InlineData("solarwatt-em-3.json")]
    [InlineData("solarwatt-em-batteryflex.json")]
    public void The_energy_flow_of_a_dump_is_its_location_values(string file)
    {
        var flow = EnergyFlow.From(DeviceParser.ParseDeviceList(Fixtures.Bytes(file)));
        double L(string tag) => Fixtures.LocationValue(file, tag);

        Assert.Equal(new Measurement(L("PowerProduced"), "W"), flow.PvProduction);
        Assert.Equal(new Measurement(L("PowerConsumed"), "W"), flow.HouseConsumption);
        Assert.Equal(new Measurement(L("PowerIn"), "W"), flow.GridImport);
        Assert.Equal(new Measurement(L("PowerOut"), "W"), flow.GridExport);
        Assert.Equal(new Measurement(L("PowerBuffered"), "W"), flow.BatteryCharging);
        Assert.Equal(new Measurement(L("PowerReleased"), "W"), flow.BatteryDischarging);
        Assert.Equal(L("PowerReleased") - L("PowerBuffered"), flow.BatteryPower!.Value.Value);
        Assert.Equal(L("PowerIn") - L("PowerOut"), flow.GridPower!.Value.Value);
        Assert.Equal(L("PowerSelfSupplied") / L("PowerConsumed") * 100, flow.SelfSufficiency!.Value.Value, 9);
        Assert.Equal("%", flow.SelfSufficiency!.Value.Unit);
        Assert.Equal(L("PowerSelfConsumed") / L("PowerProduced") * 100, flow.SelfConsumption!.Value.Value, 9);
    }

    // em-1 is left out on purpose: its publisher replaced the Location's power values with placeholders
    // (1, 2, 3, …), so its balance does not add up; the other three are untouched captures.
    [Theory]
    [InlineData("solarwatt-em-2.json")]
    [InlineData("solarwatt-em-3.json")]
    [InlineData("solarwatt-em-batteryflex.json")]
    public void The_energy_balance_identities_hold_on_each_real_location(string file)
    {
        var site = DeviceParser.ParseDeviceList(Fixtures.Bytes(file)).Single(d => d.Kind == DeviceKind.Location);
        double P(string name) => site.GetDouble("Power" + name)!.Value;
        const double Noise = 1e-6;

        Assert.Equal(P("Produced"), P("ConsumedFromProducers") + P("BufferedFromProducers") + P("OutFromProducers"), Noise);
        Assert.Equal(P("Consumed"), P("ConsumedFromProducers") + P("ConsumedFromGrid") + P("ConsumedFromStorage"), Noise);
        Assert.Equal(P("Buffered"), P("BufferedFromGrid") + P("BufferedFromProducers"), Noise);
        Assert.Equal(P("In"), P("ConsumedFromGrid") + P("BufferedFromGrid"), Noise);
        Assert.Equal(P("Out"), P("OutFromProducers") + P("OutFromStorage"), Noise);
        Assert.Equal(P("Released"), P("ConsumedFromStorage") + P("OutFromStorage"), Noise);
        Assert.Equal(P("SelfConsumed"), P("ConsumedFromProducers") + P("BufferedFromProducers"), Noise);
        Assert.Equal(P("SelfSupplied"), P("ConsumedFromProducers") + P("ConsumedFromStorage"), Noise);
        Assert.Equal(P("Produced") + P("In") + P("Released"), P("Consumed") + P("Buffered") + P("Out"), Noise);
    }

    [Fact]
    public void Three_batteries_without_known_capacity_give_the_plain_mean_state_of_charge()
    {
        var socs = BatterySocs(Fixtures.Items("solarwatt-em-3.json").ToString());

        var flow = EnergyFlow.From(DeviceParser.ParseDeviceList(Fixtures.Bytes("solarwatt-em-3.json")));

        Assert.Equal(3, flow.BatteryCount);
        Assert.Equal([51.0, 28.0, 24.0], socs.OrderDescending().ToArray());
        Assert.Equal(socs.Average(), flow.BatteryStateOfCharge!.Value.Value, 9);
        Assert.Equal("%", flow.BatteryStateOfCharge!.Value.Unit);
    }

    [Fact]
    public void Three_batteries_with_known_capacity_give_the_capacity_weighted_state_of_charge()
    {
        // The capture has no WorkCapacity; give the three MyReserves different sizes in a copy.
        var root = JsonNode.Parse(Fixtures.Bytes("solarwatt-em-3.json"))!;
        var capacities = new Queue<double>([4400, 2200, 8800]);
        double weighted = 0, total = 0;
        foreach (var item in root["result"]!["items"]!.AsArray())
        {
            if (item!["deviceModel"]!.AsArray().Any(c => (string?)c!["deviceClass"] == DeviceClassNames.BatteryConverter))
            {
                var capacity = capacities.Dequeue();
                item["tagValues"]!["WorkCapacity"]!["value"] = capacity;
                weighted += (double)item["tagValues"]!["StateOfCharge"]!["value"]! * capacity;
                total += capacity;
            }
        }

        var flow = EnergyFlow.From(DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(root.ToJsonString())));

        Assert.Empty(capacities);
        Assert.Equal(weighted / total, flow.BatteryStateOfCharge!.Value.Value, 9);
        Assert.NotEqual(BatterySocs(root["result"]!["items"]!.ToJsonString()).Average(), flow.BatteryStateOfCharge!.Value.Value, 3);
    }

    [Fact]
    public void A_single_battery_gives_its_own_state_of_charge_and_capacity()
    {
        var devices = DeviceParser.ParseDeviceList(Fixtures.Bytes("solarwatt-em-batteryflex.json"));
        var battery = Battery.From(devices.Single(d => d.Kind == DeviceKind.Battery))!;

        Assert.Equal(89, EnergyFlow.From(devices).BatteryStateOfCharge!.Value.Value);
        Assert.Equal(9600, battery.WorkCapacity);
        Assert.Equal("CHARGING", battery.ModeConverter);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var withBom = Encoding.UTF8.GetPreamble().Concat(Fixtures.Bytes("solarwatt-em-1.json")).ToArray();

        Assert.Equal(11, DeviceParser.ParseDeviceList(withBom).Count);
    }

    [Theory]
    [InlineData("{\"result\":{\"items\":[", "not valid JSON")]
    [InlineData("{\"result\":{\"count\":3}}", "no device list")]
    [InlineData("[{\"deviceModel\":[]}]", "guid")]
    public void Broken_input_is_a_protocol_error_that_says_what_is_wrong(string json, string expected)
    {
        var ex = Assert.Throws<KiwigridProtocolException>(() => DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static List<double> BatterySocs(string itemsJson) =>
        JsonNode.Parse(itemsJson)!.AsArray()
            .Where(i => i!["deviceModel"]!.AsArray().Any(c => (string?)c!["deviceClass"] == DeviceClassNames.BatteryConverter))
            .Select(i => (double)i!["tagValues"]!["StateOfCharge"]!["value"]!)
            .ToList();
}
