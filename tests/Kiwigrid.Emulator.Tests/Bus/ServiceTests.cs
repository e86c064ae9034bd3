using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Bus;

public sealed class ServiceTests
{
    [Fact]
    public async Task A_request_without_token_is_401()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(null, "getDevices"));

        Assert.Equal("error", reply["status"]!.GetValue<string>());
        Assert.Equal(401, reply["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_token_with_a_changed_payload_is_401()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token.PadRight((token.Length + 3) / 4 * 4, '=')));
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded.Replace(emulator.UserName, "admin@example.com", StringComparison.Ordinal))).TrimEnd('=');
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(forged, "getDevices"));

        Assert.Equal(401, reply["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_token_from_another_emulator_is_401()
    {
        await using var other = await EmulatorRun.StartAsync();
        var foreignToken = await RawLogin.AccessTokenAsync(other);
        await using var emulator = await EmulatorRun.StartAsync();
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(foreignToken, "getDevices"));

        Assert.Equal(401, reply["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_expired_token_is_419()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(time: clock);
        var token = await RawLogin.AccessTokenAsync(emulator);
        clock.Advance(TimeSpan.FromHours(1));
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(token, "getDevices"));

        Assert.Equal(419, reply["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetDevices_reads_the_site_after_updating_it_and_pages()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var site = (TestSite)emulator.Site;
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);
        var updatesBefore = site.Updates;

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(token, "getDevices", new JsonObject
        {
            ["sorting"] = new JsonObject { ["guid"] = 1 },
            ["offset"] = 1,
            ["limit"] = 2,
            ["projection"] = new JsonObject { ["tagValues"] = 0 },
        }));

        Assert.True(site.Updates > updatesBefore);
        var result = reply["result"]!;
        Assert.Equal(4, result["total"]!.GetValue<int>());
        Assert.Equal(2, result["limit"]!.GetValue<int>());
        var guids = result["items"]!.AsArray().Select(i => i!["guid"]!.GetValue<string>()).ToList();
        Assert.Equal([TestSite.Location, TestSite.PvPlant], guids);
        Assert.Null(result["items"]![0]!["tagValues"]);
        Assert.NotNull(result["items"]![0]!["deviceModel"]);
    }

    [Fact]
    public async Task An_invalid_query_is_400_naming_the_problem()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(token, "getDevices", new JsonObject
        {
            ["filter"] = new JsonObject { ["guid"] = new JsonObject { ["$regex"] = "x" } },
        }));

        Assert.Equal(400, reply["code"]!.GetValue<int>());
        Assert.Contains("$regex", reply["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeDevice_accepts_a_writable_tag_with_the_current_oca_and_bumps_it()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", Merge(token, TestSite.Battery, new JsonObject
        {
            ["StateOfChargeMinimum"] = new JsonObject { ["value"] = 20, ["oca"] = 1 },
        }));

        Assert.Equal(200, reply["code"]!.GetValue<int>());
        var accepted = reply["result"]!["value"]!["tagValues"]!["StateOfChargeMinimum"]!;
        Assert.Equal(20, accepted["value"]!.GetValue<int>());
        Assert.Equal(2, accepted["oca"]!.GetValue<int>());
        Assert.Empty(reply["result"]!["value"]!["failedTagValues"]!.AsObject());
        Assert.Equal(20, emulator.Site.Devices.GetValue(TestSite.Battery, "StateOfChargeMinimum")!.GetValue<int>());
    }

    [Fact]
    public async Task MergeDevice_rejects_a_stale_oca_and_a_read_only_tag()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", Merge(token, TestSite.Battery, new JsonObject
        {
            ["StateOfChargeMinimum"] = new JsonObject { ["value"] = 20, ["oca"] = 7 },
            ["StateOfCharge"] = new JsonObject { ["value"] = 100, ["oca"] = 1 },
        }));

        var value = reply["result"]!["value"]!;
        Assert.Empty(value["tagValues"]!.AsObject());
        Assert.Contains("stale", value["failedTagValues"]!["StateOfChargeMinimum"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("read-only", value["failedTagValues"]!["StateOfCharge"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(63, emulator.Site.Devices.GetValue(TestSite.Battery, "StateOfCharge")!.GetValue<int>());
    }

    [Fact]
    public async Task MergeDevice_and_deleteDevice_on_an_unknown_device_are_404()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var merge = await bus.RequestAsync("deviceservice", Merge(token, "urn:nope", new JsonObject { ["X"] = new JsonObject { ["value"] = 1 } }));
        var delete = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(token, "deleteDevice", new JsonObject { ["deviceId"] = "urn:nope" }));

        Assert.Equal(404, merge["code"]!.GetValue<int>());
        Assert.Equal(404, delete["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeleteDevice_removes_the_device()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(token, "deleteDevice", new JsonObject { ["deviceId"] = TestSite.PvPlant }));

        Assert.Equal(200, reply["code"]!.GetValue<int>());
        Assert.DoesNotContain(TestSite.PvPlant, emulator.Site.Devices.Guids());
    }

    [Fact]
    public async Task User_and_app_services_answer_for_the_token_holder()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        var user = await bus.RequestAsync("userservice", RawBus.ServiceBody(token, "getCurrentUser"));
        var users = await bus.RequestAsync("userservice", RawBus.ServiceBody(token, "getUsers"));
        var apps = await bus.RequestAsync("appservice", RawBus.ServiceBody(token, "getAppsInfo"));
        var unknown = await bus.RequestAsync("appservice", RawBus.ServiceBody(token, "launchRocket"));

        Assert.Equal(emulator.UserName, user["result"]!["login"]!.GetValue<string>());
        Assert.Equal(1, users["result"]!["total"]!.GetValue<int>());
        Assert.NotEmpty(apps["result"]!["items"]!.AsArray());
        Assert.Equal(400, unknown["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_local_endpoint_lists_devices_without_timestamp_or_oca()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        var body = JsonNode.Parse(await http.GetStringAsync("/rest/kiwigrid/wizard/devices"))!;

        var items = body["result"]!["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        var tag = items[0]!["tagValues"]!["PowerProduced"]!.AsObject();
        Assert.Equal(["tagName", "guid", "value"], tag.Select(p => p.Key));
    }

    private static JsonObject Merge(string token, string deviceId, JsonObject tagValues) =>
        RawBus.ServiceBody(token, "mergeDevice", new JsonObject { ["deviceId"] = deviceId, ["tagValues"] = tagValues });
}
