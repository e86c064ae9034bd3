using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>What each firmware serves, and that the other firmware's paths are gone (404).</summary>
public sealed partial class ManagerFirmwareTests
{
    private static readonly string[] OverviewFields =
    [
        "production", "feedIn", "feedOut", "householdConsumption", "storagePowerIn", "storagePowerOut", "batterySoc",
        "gridPower", "batteryPower", "selfConsumedPower", "batteryChargePower", "batteryDischargePower",
    ];

    [Fact]
    public async Task New_firmware_serves_the_energy_overview_and_the_configurators_things_and_not_openhab()
    {
        await using var run = await ManagerRun.StartAsync();
        run.AdvanceTo(TimeSpan.FromHours(13));
        var cookie = await run.LoginAsync();

        var overview = (await run.GetJsonAsync("/rest/hems-configurator/energy-overview", cookie)).AsObject();
        var things = (await run.GetJsonAsync("/rest/hems-configurator/things", cookie)).AsArray();

        Assert.Equal(OverviewFields, overview.Select(p => p.Key));
        double N(string name) => overview[name]!.GetValue<double>();
        Assert.True(N("production") > 1000, $"a June noon yields more than 1 kW, not {N("production")} W");
        Assert.Equal(N("feedOut") - N("feedIn"), N("gridPower"), 1e-9);
        Assert.Equal(N("storagePowerOut") - N("storagePowerIn"), N("batteryPower"), 1e-9);
        Assert.Equal(Math.Max(N("production") - N("feedIn"), 0), N("selfConsumedPower"), 1e-9);
        Assert.Equal(N("storagePowerIn"), N("batteryChargePower"));
        Assert.Equal(N("storagePowerOut"), N("batteryDischargePower"));

        string Id(JsonNode? thing) => thing!["id"]!.GetValue<string>();
        Assert.Contains(things, t => Id(t).StartsWith("kiwigrid-location:standard:", StringComparison.Ordinal));
        Assert.Contains(things, t => Id(t).StartsWith("pvplant:standard:", StringComparison.Ordinal));
        var battery = Assert.Single(things, t => t!["thingType"]!["category"]?["type"]?.GetValue<string>() == "STORAGES")!;
        Assert.Matches("^foxesshybrid:battery:[0-9a-f]+$", Id(battery));
        Assert.Equal("foxesshybrid:battery", battery["thingType"]!["id"]!.GetValue<string>());
        Assert.Equal("ONLINE", battery["statusInfo"]!["status"]!.GetValue<string>());
        Assert.StartsWith("foxesshybrid:bridge:", battery["responsibleBridge"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(battery["serialNumber"]!.GetValue<string>(), Id(battery), StringComparison.Ordinal);
        Assert.Single(things, t => t!["thingType"]!["category"]?["type"]?.GetValue<string>() == "POWER_METERS");
        Assert.Single(things, t => t!["thingType"]!["category"]?["type"]?.GetValue<string>() == "INVERTERS");

        foreach (var path in (string[])["/rest/items", "/rest/things", "/rest/kiwigrid/wizard/devices"])
        {
            using var gone = await run.SendAsync(path, cookie);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task Old_firmware_serves_openhab_items_whose_names_and_states_parse_and_not_the_configurator()
    {
        await using var run = await ManagerRun.StartAsync(ManagerOptions.Default with { Firmware = ManagerFirmware.Old });
        run.AdvanceTo(TimeSpan.FromHours(13));
        var cookie = await run.LoginAsync();

        var items = (await run.GetJsonAsync("/rest/items", cookie)).AsArray();
        var things = (await run.GetJsonAsync("/rest/things", cookie)).AsArray();

        var states = new Dictionary<string, (double Value, string Unit)>();
        foreach (var item in items)
        {
            var name = item!["name"]!.GetValue<string>();
            Assert.Matches(ItemName(), name);
            Assert.Equal(new Uri(run.Emulator.ManagerUri!, "/rest/items/" + name), new Uri(item["link"]!.GetValue<string>()));
            var state = StateWithUnit().Match(item["state"]!.GetValue<string>());
            Assert.True(state.Success, $"{name}: state '{item["state"]}' is no number with a unit");
            states[name] = (double.Parse(state.Groups[1].Value, CultureInfo.InvariantCulture), state.Groups[2].Value);
        }

        var location = things.Single(t => t!["UID"]!.GetValue<string>().StartsWith("kiwigrid-location:standard:", StringComparison.Ordinal))!;
        var battery = things.Single(t => t!["UID"]!.GetValue<string>().StartsWith("foxesshybrid:battery:", StringComparison.Ordinal))!;
        var locationItem = Regex.Replace(location["UID"]!.GetValue<string>(), "[^A-Za-z0-9]+", "_") + "_harmonized_";
        var batteryItem = Regex.Replace(battery["UID"]!.GetValue<string>(), "[^A-Za-z0-9]+", "_") + "_harmonized_";
        Assert.Equal("W", states[locationItem + "power_produced"].Unit);
        Assert.True(states[locationItem + "power_produced"].Value > 1000);
        Assert.Equal("Wh", states[locationItem + "work_produced_total"].Unit);
        Assert.True(states[locationItem + "work_produced_total"].Value > 0, "the counters run from the simulated home");
        Assert.Equal("%", states[batteryItem + "state_of_charge"].Unit);
        Assert.InRange(states[batteryItem + "state_of_charge"].Value, 0, 100);
        foreach (var channel in (string[])["power_in", "power_out", "power_consumed", "power_buffered", "power_released", "work_in_total", "work_out_total", "work_consumed_total", "work_buffered_total", "work_released_total"])
        {
            Assert.True(states.ContainsKey(locationItem + channel), $"the Location has no {channel} item");
        }

        var soc = batteryItem + "state_of_charge";
        var one = await run.GetJsonAsync("/rest/items/" + soc, cookie);
        Assert.Equal(soc, one["name"]!.GetValue<string>());
        Assert.Equal("Number:Dimensionless", one["type"]!.GetValue<string>());
        foreach (var path in (string[])["/rest/items/no_such_item", "/rest/hems-configurator/energy-overview", "/rest/hems-configurator/things"])
        {
            using var gone = await run.SendAsync(path, cookie);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]+_harmonized_[a-z_]+$")]
    private static partial Regex ItemName();

    [GeneratedRegex(@"^(-?[0-9]+(?:\.[0-9]+)?) (W|Wh|%)$")]
    private static partial Regex StateWithUnit();
}
