using System.Net;
using System.Text.Json;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>
/// <c>--classic-api</c> over one reading of each real Energy Manager dump: what an integration reads from serve must be
/// what it read from the Energy Manager itself.
/// </summary>
public sealed class ClassicDeviceListTests
{
    private static readonly ClassicApiOptions ThisMachineOnly = new(OpenToLan: false);

    [Theory]
    [InlineData("solarwatt-em-1.json")]
    [InlineData("solarwatt-em-2.json")]
    [InlineData("solarwatt-em-3.json")]
    [InlineData("solarwatt-em-batteryflex.json")]
    public async Task A_real_dump_served_again_has_every_device_tag_and_value_the_energy_manager_sent_and_nothing_else(string dump)
    {
        await using var server = await OneReadingServer.StartAsync(dump, token: null, ThisMachineOnly);
        using var original = JsonDocument.Parse(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", dump)));
        using var served = JsonDocument.Parse(await server.Http.GetByteArrayAsync(ClassicApiEndpoints.DeviceListPath));

        Assert.Equal(["result"], Names(served.RootElement));
        Assert.Equal(["items"], Names(served.RootElement.GetProperty("result")));
        var expected = Items(original);
        var actual = Items(served);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (guid, item) in actual)
        {
            Assert.Equal(["tagValues", "deviceModel", "guid"], Names(item));
            Assert.True(JsonElement.DeepEquals(expected[guid].GetProperty("deviceModel"), item.GetProperty("deviceModel")), guid);
            var expectedTags = expected[guid].GetProperty("tagValues");
            Assert.Equal(Names(expectedTags).Order(StringComparer.Ordinal), Names(item.GetProperty("tagValues")).Order(StringComparer.Ordinal));
            foreach (var tag in item.GetProperty("tagValues").EnumerateObject())
            {
                Assert.Equal(["tagName", "guid", "value"], Names(tag.Value));
                Assert.True(JsonElement.DeepEquals(expectedTags.GetProperty(tag.Name), tag.Value), $"{guid} {tag.Name}: {tag.Value}");
            }
        }
    }

    [Fact]
    public async Task The_energy_overview_has_the_managers_fields_with_its_directions_and_keeps_the_balance()
    {
        await using var server = await OneReadingServer.StartAsync("solarwatt-em-1.json", token: null, ThisMachineOnly);
        using var list = JsonDocument.Parse(await server.Http.GetByteArrayAsync(ClassicApiEndpoints.DeviceListPath));
        using var overview = JsonDocument.Parse(await server.Http.GetByteArrayAsync(ClassicApiEndpoints.EnergyOverviewPath));
        var o = overview.RootElement;
        var location = Items(list).Values.Single(i => i.GetProperty("deviceModel").EnumerateArray().Last().GetProperty("deviceClass").GetString() == "com.kiwigrid.devices.location.Location");
        double Tag(string name) => location.GetProperty("tagValues").GetProperty(name).GetProperty("value").GetDouble();

        Assert.Equal(["production", "feedIn", "feedOut", "householdConsumption", "storagePowerIn", "storagePowerOut", "batterySoc"], Names(o));
        Assert.Equal(Tag("PowerProduced"), o.GetProperty("production").GetDouble());
        Assert.Equal(Tag("PowerOut"), o.GetProperty("feedIn").GetDouble()); // to the grid
        Assert.Equal(Tag("PowerIn"), o.GetProperty("feedOut").GetDouble()); // from the grid
        Assert.Equal(Tag("PowerConsumed"), o.GetProperty("householdConsumption").GetDouble());
        Assert.Equal(Tag("PowerBuffered"), o.GetProperty("storagePowerIn").GetDouble());
        Assert.Equal(Tag("PowerReleased"), o.GetProperty("storagePowerOut").GetDouble());
        // This site has a meter but no battery device: no state of charge to tell, so none is made up.
        Assert.Equal(JsonValueKind.Null, o.GetProperty("batterySoc").ValueKind);
        var sources = o.GetProperty("production").GetDouble() + o.GetProperty("feedOut").GetDouble() + o.GetProperty("storagePowerOut").GetDouble();
        var uses = o.GetProperty("householdConsumption").GetDouble() + o.GetProperty("feedIn").GetDouble() + o.GetProperty("storagePowerIn").GetDouble();
        Assert.InRange(sources - uses, -10, 10);
    }

    [Fact]
    public async Task The_token_never_applies_to_the_classic_paths_but_still_guards_the_rest()
    {
        await using var server = await OneReadingServer.StartAsync("solarwatt-em-batteryflex.json", AccessTokens.Single("a-long-enough-serve-token-123"), ThisMachineOnly);

        using var classic = await server.Http.GetAsync(ClassicApiEndpoints.DeviceListPath);
        using var overview = await server.Http.GetAsync(ClassicApiEndpoints.EnergyOverviewPath);
        using var api = await server.Http.GetAsync("api/devices");

        Assert.Equal(HttpStatusCode.OK, classic.StatusCode);
        Assert.Equal("application/json", classic.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Without_classic_api_the_paths_are_not_served()
    {
        await using var server = await OneReadingServer.StartAsync("solarwatt-em-batteryflex.json", token: null, classicApi: null);

        using var classic = await server.Http.GetAsync(ClassicApiEndpoints.DeviceListPath);

        Assert.Equal(HttpStatusCode.NotFound, classic.StatusCode);
    }

    [Fact]
    public async Task The_classic_paths_are_read_only()
    {
        await using var server = await OneReadingServer.StartAsync("solarwatt-em-batteryflex.json", token: null, ThisMachineOnly);

        using var post = await server.Http.PostAsync(ClassicApiEndpoints.DeviceListPath, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("read-only", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Items(JsonDocument list) =>
        list.RootElement.GetProperty("result").GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("guid").GetString()!, StringComparer.Ordinal);

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
