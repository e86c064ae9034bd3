using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Tests.Auth;
using Kiwigrid.Client.Tests.Devices;

namespace Kiwigrid.Client.Tests.Services;

public class KiwigridClientTests
{
    /// <summary>A device service serving one real dump in the cloud shape, failing with 419 while told to.</summary>
    private static FakeBus DumpService(string file, Func<string, bool>? expired = null) => new((address, body) =>
    {
        if (expired?.Invoke((string)body["accessToken"]!) == true)
        {
            return FakeBus.Error(419, "Authentication Timeout");
        }

        return (string?)body["action"] switch
        {
            "getDevices" => Page(file, body["params"]!),
            "getCurrentUser" => FakeBus.Ok(new JsonObject { ["login"] = FakePortal.Username }),
            "getAppsInfo" => FakeBus.Ok(new JsonArray(new JsonObject { ["id"] = "gridflow" })),
            _ => FakeBus.Error(400, "unknown action"),
        };
    });

    private static JsonObject Page(string file, JsonNode parameters)
    {
        var items = JsonNode.Parse(Fixtures.Items(file).GetRawText())!.AsArray();
        if (parameters["filter"]?["guid"] is { } guid)
        {
            items = new JsonArray([.. items.Where(i => (string?)i!["guid"] == (string?)guid).Select(i => i!.DeepClone())]);
        }

        var offset = (int)parameters["offset"]!;
        var limit = (int)parameters["limit"]!;
        var page = new JsonArray([.. items.Skip(offset).Take(limit).Select(i => i!.DeepClone())]);
        return FakeBus.Ok(new JsonObject { ["offset"] = offset, ["limit"] = limit, ["total"] = items.Count, ["items"] = page });
    }

    [Fact]
    public async Task Connect_logs_in_hands_the_login_cookies_to_the_bus_and_reads_the_site()
    {
        await using var portal = await FakePortal.StartAsync();
        var bus = DumpService("solarwatt-em-3.json");
        CookieContainer? busCookies = null;

        await using var client = await KiwigridClient.ConnectAsync(FakePortal.Username, FakePortal.Password, portal.Options, (_, cookies, _) =>
        {
            busCookies = cookies;
            return Task.FromResult(bus);
        }, default);

        Assert.Equal("jane@example.org", client.AccessToken.User);
        Assert.Equal(FakePortal.WebcoreSid, busCookies!.GetCookies(portal.BaseUri)["webcore_sid"]?.Value);

        var devices = await client.GetDevicesAsync();
        var flow = await client.GetEnergyFlowAsync();
        var battery = await client.GetDeviceAsync("aaaaaaaa-bbbb-cccc-dddd-000000000002");

        Assert.Equal(18, devices.Count);
        Assert.Equal(Fixtures.LocationValue("solarwatt-em-3.json", "PowerConsumed"), flow.HouseConsumption!.Value.Value);
        Assert.Equal(51, Battery.From(battery!)!.StateOfCharge);
        Assert.Null(await client.GetDeviceAsync("no-such-device"));
        Assert.All(bus.Requests, r => Assert.Equal(portal.Token, (string?)r.Body["accessToken"]));
        Assert.Equal(FakePortal.Username, (await client.GetCurrentUserAsync()).GetProperty("login").GetString());
        Assert.Equal("gridflow", (await client.GetAppsInfoAsync())[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_renewed_by_a_real_second_login()
    {
        await using var portal = await FakePortal.StartAsync();
        var firstToken = portal.Token;
        var bus = DumpService("solarwatt-em-1.json", expired: token => token == firstToken);

        await using var client = await KiwigridClient.ConnectAsync(FakePortal.Username, FakePortal.Password, portal.Options, (_, _, _) => Task.FromResult(bus), default);
        portal.Token = TestTokens.Legacy(TestTokens.LegacyJson.Replace("1518788227171", "1918788227171", StringComparison.Ordinal));

        var devices = await client.GetDevicesAsync();

        Assert.Equal(11, devices.Count);
        Assert.Equal(2, portal.Logins);
        Assert.Equal(portal.Token, client.AccessToken.Value);
        Assert.Equal([firstToken, portal.Token], bus.Requests.Select(r => (string?)r.Body["accessToken"]));
    }

    [Fact]
    public async Task A_failed_login_opens_no_bus()
    {
        await using var portal = await FakePortal.StartAsync();
        var opened = false;

        await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => KiwigridClient.ConnectAsync(FakePortal.Username, "wrong", portal.Options, (_, _, _) =>
        {
            opened = true;
            return Task.FromResult(DumpService("solarwatt-em-1.json"));
        }, default));

        Assert.False(opened);
    }

    [Fact]
    public async Task Dispose_closes_the_bus_and_later_calls_throw()
    {
        await using var portal = await FakePortal.StartAsync();
        var bus = DumpService("solarwatt-em-1.json");
        var client = await KiwigridClient.ConnectAsync(FakePortal.Username, FakePortal.Password, portal.Options, (_, _, _) => Task.FromResult(bus), default);

        await client.DisposeAsync();
        await client.DisposeAsync();

        Assert.True(bus.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetDevicesAsync());
    }

    [Fact]
    public async Task Writing_no_tags_is_refused_before_anything_is_sent()
    {
        await using var portal = await FakePortal.StartAsync();
        var bus = DumpService("solarwatt-em-1.json");
        await using var client = await KiwigridClient.ConnectAsync(FakePortal.Username, FakePortal.Password, portal.Options, (_, _, _) => Task.FromResult(bus), default);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SetTagValuesAsync("x", new Dictionary<string, TagWrite>()));
        Assert.Empty(bus.Requests);
    }
}
