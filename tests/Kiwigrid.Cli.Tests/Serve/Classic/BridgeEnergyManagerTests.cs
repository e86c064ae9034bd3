using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>The Energy Manager the bridge adds for a source that lists none (Mas2112's library fails without one).</summary>
public sealed class BridgeEnergyManagerTests
{
    [Fact]
    public async Task A_site_without_an_energy_manager_gets_one_marked_as_the_bridges_named_after_the_sites_serial()
    {
        // The real dump whose Location guid carries the Energy Manager's serial, with the Energy Manager left out.
        var devices = await DevicesAsync("solarwatt-em-2.json", without: DeviceKind.EnergyManager);

        using var served = JsonDocument.Parse(Answers(devices).DeviceList);

        var managers = EnergyManagers(served);
        var manager = Assert.Single(managers);
        Assert.Equal("kiwigrid-serve:ERC04-100009999", manager.GetProperty("guid").GetString());
        var tags = manager.GetProperty("tagValues");
        Assert.Equal("kiwigrid-serve", tags.GetProperty("IdModelCode").GetProperty("value").GetString());
        Assert.Equal("UTC", tags.GetProperty("IdTimezone").GetProperty("value").GetString());
        Assert.False(tags.TryGetProperty("IdSerialNumber", out _), "the bridge has no serial number to give");
        Assert.All(tags.EnumerateObject(), t => Assert.Equal(manager.GetProperty("guid").GetString(), t.Value.GetProperty("guid").GetString()));
        Assert.Equal(devices.Count + 1, served.RootElement.GetProperty("result").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_site_with_its_own_energy_manager_gets_no_second_one()
    {
        var devices = await DevicesAsync("solarwatt-em-2.json", without: null);

        using var served = JsonDocument.Parse(Answers(devices).DeviceList);

        Assert.Equal("ERC04-100009999", Assert.Single(EnergyManagers(served)).GetProperty("guid").GetString());
    }

    [Fact]
    public async Task The_answer_is_written_once_per_reading()
    {
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), new FakeTimeProvider(EmulatedHome.Noon));
        var answers = new ClassicAnswers(feed);
        Assert.Null(answers.Latest());

        feed.Apply(new DeviceSnapshot(EmulatedHome.Noon, await DevicesAsync("solarwatt-em-1.json", without: null), [], IsFirst: true, AfterReconnect: false));
        var first = answers.Latest();

        Assert.Same(first, answers.Latest());
        feed.Apply(new DeviceSnapshot(EmulatedHome.Noon.AddSeconds(10), await DevicesAsync("solarwatt-em-3.json", without: null), [], IsFirst: false, AfterReconnect: false));
        Assert.NotSame(first, answers.Latest());
    }

    private static ClassicAnswers.Answer Answers(IReadOnlyList<Device> devices)
    {
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), new FakeTimeProvider(EmulatedHome.Noon));
        feed.Apply(new DeviceSnapshot(EmulatedHome.Noon, devices, [], IsFirst: true, AfterReconnect: false));
        return new ClassicAnswers(feed).Latest()!;
    }

    private static async Task<IReadOnlyList<Device>> DevicesAsync(string dump, DeviceKind? without)
    {
        var devices = DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", dump)));
        return [.. devices.Where(d => d.Kind != without)];
    }

    private static List<JsonElement> EnergyManagers(JsonDocument list) =>
    [
        .. list.RootElement.GetProperty("result").GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("deviceModel").EnumerateArray().Any(c => c.GetProperty("deviceClass").GetString() == DeviceClassNames.EnergyManager)),
    ];
}
