using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>
/// <c>serve --classic-api</c> read the way the integrations read it, for a home reached through every source: evcc's
/// <c>solarwatt</c> template's own jq filters, the project's classic Energy Manager reader, and the Mas2112 library's
/// need for an Energy Manager device.
/// </summary>
public sealed class ClassicBridgeTests(ClassicBridgeHome home) : IClassFixture<ClassicBridgeHome>
{
    private const string Location = "com.kiwigrid.devices.location.Location";
    private const string BatteryConverter = "com.kiwigrid.devices.batteryconverter.BatteryConverter";

    public static TheoryData<string> Sources =>
        [ClassicBridgeHome.LegacyCloud, ClassicBridgeHome.HemsCloud, ClassicBridgeHome.ClassicEnergyManager, ClassicBridgeHome.ManagerFlex];

    [Theory]
    [MemberData(nameof(Sources))]
    [Trait(TestCategory.Name, TestCategory.Jq)]
    public async Task Evccs_solarwatt_template_reads_the_powers_and_state_of_charge_that_status_shows(string source)
    {
        var list = await DeviceListAsync(source);
        var status = await JsonOutputAsync(source, "status");

        // evcc's templates/definition/meter/solarwatt.yaml, usage grid, pv and battery: the filters as evcc applies them.
        var grid = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | .tagValues.PowerIn.value - .tagValues.PowerOut.value", list);
        var pv = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | .tagValues.PowerProduced.value", list);
        var battery = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | (.tagValues.PowerReleased.value // 0) - (.tagValues.PowerBuffered.value // 0)", list);
        var soc = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{BatteryConverter}\") | (.tagValues.StateOfCharge.value // 0)", list);

        // status rounds to a tenth.
        Assert.Equal(status.GetProperty("grid").GetProperty("powerW").GetDouble(), grid, 0.051);
        Assert.Equal(status.GetProperty("pvPowerW").GetDouble(), pv, 0.051);
        Assert.Equal(status.GetProperty("battery").GetProperty("powerW").GetDouble(), battery, 0.051);
        Assert.Equal(status.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(), soc, 0.051);
        Assert.True(pv > 0, "ten sunny hours in, the PV produces");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    [Trait(TestCategory.Name, TestCategory.Jq)]
    public async Task Evccs_solarwatt_template_reads_the_energy_counters_in_kWh_that_the_source_holds(string source)
    {
        var list = await DeviceListAsync(source);
        var location = (await JsonOutputAsync(source, "tags", "location")).GetProperty("tags");

        var imported = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | .tagValues.WorkIn.value / 1000", list);
        var produced = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | .tagValues.WorkProduced.value / 1000", list);
        var released = await OneAsync($".result.items[] | select(.deviceModel[].deviceClass == \"{Location}\" ) | (.tagValues.WorkReleased.value // 0) / 1000", list);

        // tags rounds watt-hours to a tenth.
        Assert.Equal(location.GetProperty("WorkIn").GetProperty("value").GetDouble() / 1000, imported, 0.0001);
        Assert.Equal(location.GetProperty("WorkProduced").GetProperty("value").GetDouble() / 1000, produced, 0.0001);
        Assert.Equal(location.GetProperty("WorkReleased").GetProperty("value").GetDouble() / 1000, released, 0.0001);
        Assert.True(produced > 0, "the PV has produced energy");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_served_powers_keep_the_energy_balance_in_both_formats(string source)
    {
        using var list = JsonDocument.Parse(await DeviceListAsync(source));
        using var overview = JsonDocument.Parse(await home.Served(source).Http.GetByteArrayAsync(ClassicApiEndpoints.EnergyOverviewPath));
        var tags = ItemsOf(list, Location).Single().GetProperty("tagValues");
        double Tag(string name) => tags.GetProperty(name).GetProperty("value").GetDouble();
        var o = overview.RootElement;
        double Field(string name) => o.GetProperty(name).GetDouble();

        AssertBalanced(Tag("PowerProduced") + Tag("PowerIn") + Tag("PowerReleased"), Tag("PowerConsumed") + Tag("PowerOut") + Tag("PowerBuffered"));
        AssertBalanced(Field("production") + Field("feedOut") + Field("storagePowerOut"), Field("householdConsumption") + Field("feedIn") + Field("storagePowerIn"));

        // The Manager's directions: feedIn goes to the grid, feedOut comes from it; every power is a magnitude.
        Assert.Equal(Tag("PowerOut"), Field("feedIn"));
        Assert.Equal(Tag("PowerIn"), Field("feedOut"));
        Assert.All(new[] { "production", "feedIn", "feedOut", "householdConsumption", "storagePowerIn", "storagePowerOut" }, f => Assert.True(Field(f) >= 0, f));
        Assert.InRange(Field("batterySoc"), 0, 100);
    }

    [Fact]
    public async Task A_classic_energy_manager_served_read_served_again_and_read_again_gives_the_same_devices_and_values()
    {
        var first = home.Served(ClassicBridgeHome.ClassicEnergyManager);
        await using var second = await ServedHome.StartOnAsync(home.Emulator, home.Clock, ["--local", first.Url.ToString()], "--classic-api");
        await second.WaitForFirstSnapshotAsync(TimeSpan.FromSeconds(60));

        var original = await ReadAsync(new Uri(home.Server));
        var servedOnce = await ReadAsync(first.Url);
        var servedTwice = await ReadAsync(second.Url);

        Assert.Contains(original, line => line.StartsWith("urn:kiwigrid:location:", StringComparison.Ordinal) && line.Contains("|PowerProduced=", StringComparison.Ordinal));
        Assert.Equal(original, servedOnce);
        Assert.Equal(original, servedTwice);
        Assert.Equal(await DeviceListAsync(first), await DeviceListAsync(second));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task What_serve_answers_for_any_source_read_back_by_a_second_serve_is_answered_byte_for_byte_the_same(string source)
    {
        var first = home.Served(source);
        await using var second = await ServedHome.StartOnAsync(home.Emulator, home.Clock, ["--local", first.Url.ToString()], "--classic-api");
        await second.WaitForFirstSnapshotAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(await DeviceListAsync(first), await DeviceListAsync(second));
        Assert.Equal(
            await first.Http.GetByteArrayAsync(ClassicApiEndpoints.EnergyOverviewPath),
            await second.Http.GetByteArrayAsync(ClassicApiEndpoints.EnergyOverviewPath));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Every_source_is_served_with_exactly_one_energy_manager_and_only_the_one_a_cloud_lacks_is_the_bridges(string source)
    {
        using var list = JsonDocument.Parse(await DeviceListAsync(source));
        var devices = await home.Served(source).GetJsonAsync("api/devices");

        var manager = Assert.Single(ItemsOf(list, DeviceClassNames.EnergyManager));
        var ours = manager.GetProperty("guid").GetString()!.StartsWith(BridgeEnergyManager.GuidPrefix, StringComparison.Ordinal);
        var sourceHasOne = devices.EnumerateArray().Any(d => d.GetProperty("kind").GetString() == nameof(DeviceKind.EnergyManager));
        Assert.Equal(!sourceHasOne, ours);
        Assert.Equal(source is ClassicBridgeHome.HemsCloud or ClassicBridgeHome.ManagerFlex, ours);
    }

    private async Task<byte[]> DeviceListAsync(string source) => await DeviceListAsync(home.Served(source));

    private static async Task<byte[]> DeviceListAsync(ServedHome served) => await served.Http.GetByteArrayAsync(ClassicApiEndpoints.DeviceListPath);

    private async Task<JsonElement> JsonOutputAsync(string source, params string[] command)
    {
        var outcome = await home.RunAsync(source, [.. command, "--json"]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.Out);
        return json.RootElement.Clone();
    }

    private static async Task<double> OneAsync(string filter, byte[] json) => Assert.Single(await JqFilter.NumbersAsync(filter, json));

    /// <summary>Every device and tag as the project's classic Energy Manager reader reads them, one sorted line each.</summary>
    private static async Task<List<string>> ReadAsync(Uri energyManager)
    {
        await using var source = new LocalEnergyManagerSource(energyManager);
        var devices = await source.GetDevicesAsync();
        return
        [
            .. devices.SelectMany(d => d.Tags.Values.Select(t => $"{d.Guid}|{string.Join(',', d.DeviceClasses)}|{t.Name}={(t.IsNull ? "null" : t.Value.GetRawText())}"))
                .Order(StringComparer.Ordinal),
        ];
    }

    private static List<JsonElement> ItemsOf(JsonDocument list, string deviceClass) =>
    [
        .. list.RootElement.GetProperty("result").GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("deviceModel").EnumerateArray().Any(c => c.GetProperty("deviceClass").GetString() == deviceClass)),
    ];

    /// <summary>Sources and uses agree within 10 W or 2 %, as the CLI's own balance check allows.</summary>
    private static void AssertBalanced(double sources, double uses) =>
        Assert.True(Math.Abs(sources - uses) <= Math.Max(10, 0.02 * Math.Max(sources, uses)), $"sources {sources} W, uses {uses} W");
}
