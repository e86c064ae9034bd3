using System.Text.Json.Nodes;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>Typed device queries through the client, answered by the emulator's query engine.</summary>
public class QueryTests
{
    [Fact]
    public async Task Filters_by_class_guid_name_pattern_and_combinations_select_the_expected_devices()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();
        var site = home.Simulation!;
        var documents = home.Emulator.Site.Devices.ToDocuments(cloudShape: true);
        List<string> GuidsWhere(Func<JsonObject, bool> predicate) => [.. documents.Where(predicate).Select(d => (string)d["guid"]!)];
        static bool HasClass(JsonObject d, string c) => d["deviceModel"]!.AsArray().Any(m => (string)m!["deviceClass"]! == c);
        static string? NameOf(JsonObject d) => (string?)d["tagValues"]!["IdName"]?["value"];
        async Task<List<string>> Guids(DeviceFilter filter) => [.. (await client.GetDevicesAsync(new DeviceQuery { Filter = filter })).Select(d => d.Guid)];

        Assert.Equal([site.LocationGuid], await Guids(DeviceFilter.DeviceClass(DeviceClassNames.Location)));
        var meters = await Guids(DeviceFilter.DeviceClass(DeviceClassNames.PowerMeter));
        Assert.NotEmpty(meters);
        Assert.Equal(GuidsWhere(d => HasClass(d, DeviceClassNames.PowerMeter)), meters);
        Assert.Equal(documents.Count, (await Guids(DeviceFilter.DeviceClass(DeviceClassNames.Device))).Count);

        var battery = await client.GetDeviceAsync(site.BatteryGuid);
        Assert.Equal(site.BatteryGuid, battery?.Guid);
        Assert.Equal(DeviceKind.Battery, battery?.Kind);
        Assert.Null(await client.GetDeviceAsync("urn:kiwigrid:nothing:here"));

        var batteryFlex = await Guids(DeviceFilter.NameLike("Battery flex*"));
        Assert.Equal(GuidsWhere(d => NameOf(d)?.StartsWith("Battery flex", StringComparison.Ordinal) == true), batteryFlex);
        Assert.Equal(2, batteryFlex.Count); // the battery and its AC sensor
        var pvPlant = Assert.Single(GuidsWhere(d => HasClass(d, DeviceClassNames.PVPlant)));
        Assert.Equal([pvPlant], await Guids(DeviceFilter.NameLike("*Anlage*")));

        Assert.Equal(
            GuidsWhere(d => (string)d["guid"]! == site.LocationGuid || (string)d["guid"]! == site.BatteryGuid),
            await Guids(DeviceFilter.Or(DeviceFilter.Guid(site.BatteryGuid), DeviceFilter.Guid(site.LocationGuid))));
        Assert.Equal(
            [site.BatteryGuid],
            await Guids(DeviceFilter.And(DeviceFilter.NameLike("Battery flex*"), DeviceFilter.DeviceClass(DeviceClassNames.BatteryConverter))));
        Assert.Empty(await Guids(DeviceFilter.And(DeviceFilter.Guid(site.LocationGuid), DeviceFilter.DeviceClass(DeviceClassNames.PVPlant))));
    }

    [Fact]
    public async Task A_projection_brings_back_only_the_tags_asked_for()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();

        var location = Assert.Single(await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location) with
        {
            Projection = DeviceProjection.OnlyTags("PowerProduced", "IdName"),
        }));
        var bare = await client.GetDevicesAsync(DeviceQuery.All with { Projection = DeviceProjection.WithoutTags });

        Assert.Equal(["IdName", "PowerProduced"], location.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(home.Simulation!.Devices.GetValue(home.Simulation.LocationGuid, "PowerProduced")!.GetValue<double>(), location.GetDouble("PowerProduced"));
        Assert.Equal(home.Emulator.Site.Devices.Guids(), bare.Select(d => d.Guid));
        Assert.All(bare, d => Assert.Empty(d.Tags));
        Assert.All(bare, d => Assert.NotEmpty(d.DeviceClasses)); // the class chain survives the projection
    }

    [Fact]
    public async Task Paging_across_more_than_two_pages_returns_every_device_once_in_order()
    {
        await using var home = await EmulatedHome.StartAsync(ManyDevices.Site);
        await using var client = await home.ConnectAsync();

        var all = await client.GetDevicesAsync();
        var plugs = await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Plug));

        Assert.Equal(Enumerable.Range(0, ManyDevices.Count).Select(ManyDevices.Guid), all.Select(d => d.Guid));
        Assert.Equal(Enumerable.Range(0, ManyDevices.Count).Where(i => i % 2 == 1).Select(ManyDevices.Guid), plugs.Select(d => d.Guid));
        Assert.Equal(ManyDevices.Name(119), all[119].Name);
        Assert.Equal(119 * 10.5, all[119].GetDouble("PowerIn"));
    }

    [Fact]
    public async Task Sorting_with_offset_and_limit_spans_pages_and_keeps_the_server_order()
    {
        await using var home = await EmulatedHome.StartAsync(ManyDevices.Site);
        await using var client = await home.ConnectAsync();

        var byNameDescending = await client.GetDevicesAsync(new DeviceQuery
        {
            Sorting = [new DeviceSortKey("tagValues.IdName.value", Descending: true)],
            Offset = 30,
            Limit = 70,
        });
        var byPower = await client.GetDevicesAsync(new DeviceQuery
        {
            Filter = DeviceFilter.GreaterThanOrEqual("tagValues.PowerIn.value", 1000),
            Sorting = [new DeviceSortKey("tagValues.PowerIn.value", Descending: true)],
        });

        var expected = Enumerable.Range(0, ManyDevices.Count).Select(ManyDevices.Name).OrderDescending(StringComparer.Ordinal).Skip(30).Take(70);
        Assert.Equal(expected, byNameDescending.Select(d => d.Name));
        Assert.Equal(Enumerable.Range(96, ManyDevices.Count - 96).Reverse().Select(ManyDevices.Guid), byPower.Select(d => d.Guid));
    }

    [Fact]
    public async Task An_unknown_operator_is_refused_with_code_400_naming_it()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();

        // The typed builder has no $regex; an equality on an operator document sends it anyway.
        var unknown = DeviceFilter.Equal("tagValues.IdName.value", new JsonObject { ["$regex"] = "^Batt" });
        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetDevicesAsync(new DeviceQuery { Filter = unknown }));
        var badOperand = DeviceFilter.Equal("guid", new JsonObject { ["$in"] = "not an array" });
        var operandError = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetDevicesAsync(new DeviceQuery { Filter = badOperand }));

        Assert.Equal(400, error.Code);
        Assert.Null(error.FailureType);
        Assert.Contains("$regex", error.Message, StringComparison.Ordinal);
        Assert.Equal(400, operandError.Code);
        Assert.Contains("$in", operandError.Message, StringComparison.Ordinal);
        Assert.Contains("array", operandError.Message, StringComparison.Ordinal);

        // The session survives a refused query.
        Assert.NotEmpty(await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location)));
    }
}
