using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.OneId;

using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>What the HEMS API refuses: requests without a valid OneID token, bad analytics queries, absent device kinds.</summary>
public sealed class HemsRefusalTests
{
    public static TheoryData<string> Paths() => ["/energy-flow", "/battery", "/analytics/production?from=2025-06-24T00:00:00&to=2025-06-24T23:59:59"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_request_without_a_token_is_refused_with_401_and_a_bearer_challenge(string path)
    {
        await using var run = await HemsRun.StartAsync();

        await AssertUnauthorizedAsync(run, path, token: string.Empty);
    }

    [Fact]
    public async Task An_expired_token_is_refused_once_the_emulators_clock_passes_its_expiry()
    {
        await using var run = await HemsRun.StartAsync();
        var token = run.Token(TimeSpan.FromMinutes(5));
        using (var fresh = await run.SendAsync("/energy-flow", token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        run.Clock.Advance(TimeSpan.FromMinutes(6));

        await AssertUnauthorizedAsync(run, "/energy-flow", token);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        await using var run = await HemsRun.StartAsync();
        using var rsa = RSA.Create(2048);

        await AssertUnauthorizedAsync(run, "/energy-flow", run.Token(key: new RsaSecurityKey(rsa) { KeyId = "other" }));
    }

    [Fact]
    public async Task A_token_for_another_client_is_refused()
    {
        await using var run = await HemsRun.StartAsync();

        await AssertUnauthorizedAsync(run, "/energy-flow", run.Token(client: "some-other-app"));
    }

    [Fact]
    public async Task A_token_of_the_OneID_realm_signed_with_the_same_key_is_refused()
    {
        await using var run = await HemsRun.StartAsync();

        await AssertUnauthorizedAsync(run, "/energy-flow", run.Token(realm: OneIdRealms.OneId));
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        await using var run = await HemsRun.StartAsync();
        var parts = run.Token().Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("energy-monitor-home", "energy-monitor-homf", StringComparison.Ordinal);

        await AssertUnauthorizedAsync(run, "/energy-flow", $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");
    }

    [Theory]
    [InlineData("/analytics/production?to=2025-06-24T23:59:59", "from")]
    [InlineData("/analytics/production?from=2025-06-24T00:00:00", "to")]
    [InlineData("/analytics/production?from=24.06.2025&to=2025-06-24T23:59:59", "from")]
    [InlineData("/analytics/production?from=2025-06-24T00:00:00%2B02:00&to=2025-06-24T23:59:59", "from")]
    [InlineData("/analytics/production?from=2025-06-24T00:00:00&to=2025-06-23T00:00:00", "later")]
    [InlineData("/analytics/production?from=2024-01-01T00:00:00&to=2025-06-24T00:00:00&type=WORK", "year")]
    [InlineData("/analytics/production?from=2025-06-01T00:00:00&to=2025-06-30T23:59:59&type=POWER", "POWER")]
    [InlineData("/analytics/production?from=2025-06-24T00:00:00&to=2025-06-24T23:59:59&type=ENERGY", "type")]
    [InlineData("/analytics/weather?from=2025-06-24T00:00:00&to=2025-06-24T23:59:59", "weather")]
    public async Task A_bad_analytics_query_is_refused_with_400_and_one_sentence(string path, string named)
    {
        await using var run = await HemsRun.StartAsync();

        using var response = await run.SendAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.Single(message.Split(". "));
    }

    [Theory]
    [InlineData("/plug")]
    [InlineData("/smart-heater")]
    public async Task A_device_kind_the_home_lacks_answers_404(string path)
    {
        await using var run = await HemsRun.StartAsync();

        using var response = await run.SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_home_without_an_ev_station_answers_404_for_ev_stations_and_lists_no_consumers()
    {
        await using var run = await HemsRun.StartAsync(time => new Kiwigrid.Emulator.Sites.SimulatedSite(HemsRun.Home() with { WithEvStation = false }, time));

        using var response = await run.SendAsync("/evstation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty((await run.GetAsync("/home/consumption/consumers")).AsArray());
        Assert.Empty((await run.GetAsync("/energy-flow"))["ev"]!["devices"]!.AsArray());
    }

    private static async Task AssertUnauthorizedAsync(HemsRun run, string path, string token)
    {
        using var response = await run.SendAsync(path, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_token", body["error"]!.GetValue<string>());
        Assert.DoesNotContain(token.Length > 0 ? token : "\u0000", body.ToJsonString(), StringComparison.Ordinal);
    }
}
