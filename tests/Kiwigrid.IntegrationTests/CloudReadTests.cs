using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>The client logs in to the emulator and reads what a user sees: the device list and the energy flow.</summary>
public class CloudReadTests
{
    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task The_energy_flow_equals_the_Location_tags_of_the_simulated_home(EventBusDialect dialect)
    {
        await using var home = await EmulatedHome.StartAsync(dialect);
        home.Clock.Advance(TimeSpan.FromMinutes(17)); // off the first simulation step
        await using var client = await home.ConnectAsync();

        var flow = await client.GetEnergyFlowAsync();

        // The fake clock has not moved since the client's read, so the store holds exactly what the client saw.
        var site = home.Simulation!;
        double Location(string tag) => site.Devices.GetValue(site.LocationGuid, tag)!.GetValue<double>();
        Assert.Equal(Location("PowerProduced"), flow.PvProduction?.Value);
        Assert.Equal(Location("PowerConsumed"), flow.HouseConsumption?.Value);
        Assert.Equal(Location("PowerIn"), flow.GridImport?.Value);
        Assert.Equal(Location("PowerOut"), flow.GridExport?.Value);
        Assert.Equal(Location("PowerBuffered"), flow.BatteryCharging?.Value);
        Assert.Equal(Location("PowerReleased"), flow.BatteryDischarging?.Value);
        Assert.Equal(Location("PowerSelfSupplied") / Location("PowerConsumed") * 100, flow.SelfSufficiency!.Value.Value, 9);
        Assert.Equal(Location("PowerSelfConsumed") / Location("PowerProduced") * 100, flow.SelfConsumption!.Value.Value, 9);
        Assert.Equal(site.Devices.GetValue(site.BatteryGuid, "StateOfCharge")!.GetValue<double>(), flow.BatteryStateOfCharge!.Value.Value, 9);
        Assert.Equal(1, flow.BatteryCount);

        Assert.Equal("W", flow.PvProduction!.Value.Unit);
        Assert.Equal("%", flow.BatteryStateOfCharge!.Value.Unit);

        // Midsummer noon: the sun shines, the house consumes, and the Location's energy balance holds.
        Assert.True(flow.PvProduction.Value.Value > 1000, $"PV at noon in June: {flow.PvProduction}");
        Assert.True(flow.HouseConsumption!.Value.Value > 0);
        var sources = flow.PvProduction.Value.Value + flow.GridImport!.Value.Value + flow.BatteryDischarging!.Value.Value;
        var sinks = flow.HouseConsumption.Value.Value + flow.GridExport!.Value.Value + flow.BatteryCharging!.Value.Value;
        Assert.Equal(sources, sinks, 6);
    }

    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task The_device_list_matches_the_emulated_devices_with_names_classes_units_timestamps_and_versions(EventBusDialect dialect)
    {
        await using var home = await EmulatedHome.StartAsync(dialect);
        home.Clock.Advance(TimeSpan.FromMinutes(5));
        await using var client = await home.ConnectAsync();

        var devices = await client.GetDevicesAsync();
        var documents = home.Emulator.Site.Devices.ToDocuments(cloudShape: true);

        Assert.Equal(documents.Select(d => (string)d["guid"]!), devices.Select(d => d.Guid));
        Assert.True(devices.Count >= 8, $"a Battery flex home lists its Energy Manager, apps, Location, PV, inverter, battery, meter: got {devices.Count}");
        foreach (var (device, document) in devices.Zip(documents))
        {
            var classes = document["deviceModel"]!.AsArray().Select(m => (string)m!["deviceClass"]!).ToList();
            Assert.Equal(classes, device.DeviceClasses);
            Assert.Equal((string?)document["tagValues"]!["IdName"]?["value"], device.Name);

            var tags = document["tagValues"]!.AsObject();
            Assert.Equal(tags.Select(t => t.Key).Order(StringComparer.Ordinal), device.Tags.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, tag) in tags)
            {
                var seen = device.Tags[name];
                Assert.Equal((long)tag!["oca"]!, seen.Oca);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)tag["timestamp"]!), seen.Timestamp);
                Assert.True(JsonNode.DeepEquals(tag["value"], JsonNode.Parse(seen.Value.GetRawText())), $"{device.Guid} {name}: {tag["value"]} vs {seen}");
            }
        }

        var site = home.Simulation!;
        var location = Assert.Single(devices, d => d.Kind == DeviceKind.Location);
        Assert.Equal(site.LocationGuid, location.Guid);
        Assert.Equal("W", location.GetTag("PowerProduced")!.Unit);
        Assert.Equal("Wh", location.GetTag("WorkProduced")!.Unit);
        var battery = Assert.Single(devices, d => d.Kind == DeviceKind.Battery);
        Assert.Equal(site.BatteryGuid, battery.Guid);
        Assert.Equal("%", battery.GetTag("StateOfCharge")!.Unit);
        Assert.StartsWith("Battery flex", battery.Name, StringComparison.Ordinal);
        Assert.Contains(devices, d => d.Kind == DeviceKind.PVPlant && d.Name == "PV-Anlage 1");

        // Values the simulation wrote carry the simulated time, in epoch ms, which the client reads as such.
        Assert.Equal(site.SimulatedNow, location.GetTag("PowerProduced")!.Timestamp);
    }

    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task Names_outside_ASCII_arrive_unchanged_and_match_patterns(EventBusDialect dialect)
    {
        // Umlauts, a BMP symbol, an emoji (a surrogate pair) and the two JavaScript line separators SockJS must escape.
        const string Name = "Wärmepumpe ☀ Süd 🔋 \u2028\u2029 \"quoted\" \\ end";
        var dump = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["guid"] = "urn:test:heatpump:1",
                ["deviceModel"] = new JsonArray(new JsonObject { ["deviceClass"] = DeviceClassNames.Device }),
                ["tagValues"] = new JsonObject { ["IdName"] = new JsonObject { ["value"] = Name } },
            }),
        };
        await using var home = await EmulatedHome.StartAsync(
            clock => new ReplaySite(System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString()), clock), dialect);
        await using var client = await home.ConnectAsync();

        var all = await client.GetDevicesAsync();
        var matched = await client.GetDevicesAsync(new DeviceQuery { Filter = DeviceFilter.NameLike("Wärme*🔋*") });

        Assert.Equal(Name, Assert.Single(all).Name);
        Assert.Equal("urn:test:heatpump:1", Assert.Single(matched).Guid);
    }

    [Fact]
    public async Task The_user_and_app_services_answer_for_the_logged_in_user()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();

        var user = await client.GetCurrentUserAsync();
        var apps = await client.GetAppsInfoAsync();

        Assert.Contains(home.Emulator.UserName, user.GetRawText(), StringComparison.Ordinal);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Undefined, apps.ValueKind);
        Assert.Equal(home.Emulator.UserName, client.AccessToken.User);
    }
}
