using System.Net;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;
using Kiwigrid.Emulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Kiwigrid.Emulator.Tests.OneId;

/// <summary>The solarwatt realm's token endpoint as the portal (a confidential client) uses it.</summary>
public sealed class OneIdTokenEndpointTests
{
    [Fact]
    public async Task The_code_exchange_gives_an_id_token_with_the_clients_nonce_and_a_refresh_token_that_works()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        var secret = emulator.Services.GetRequiredService<RealmClients>().PortalSecret;

        var tokens = await ExchangeAsync(browser, emulator, await CodeAsync(browser, emulator, nonce: "n0nce-of-the-client"), secret);
        using var refreshed = await TokenRequestAsync(browser, emulator, [new("grant_type", "refresh_token"),
            new("client_id", "energy-monitor-home"), new("client_secret", secret), new("refresh_token", tokens["refresh_token"]!.GetValue<string>())]);

        Assert.Equal("n0nce-of-the-client", new JsonWebToken(tokens["id_token"]!.GetValue<string>()).GetClaim("nonce").Value);
        Assert.InRange(tokens["expires_in"]!.GetValue<int>(), 290, 300);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var refreshedToken = JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, $"{emulator.SolarwattRealmUri}/protocol/openid-connect/userinfo");
        userInfo.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshedToken);
        using var user = await browser.Http.SendAsync(userInfo);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(emulator.UserName, JsonNode.Parse(await user.Content.ReadAsStringAsync())!["preferred_username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        var code = await CodeAsync(browser, emulator, nonce: "n");

        using var answer = await TokenRequestAsync(browser, emulator, [new("grant_type", "authorization_code"),
            new("client_id", "energy-monitor-home"), new("client_secret", "guessed"), new("code", code), new("redirect_uri", RedirectUri(emulator))]);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("invalid_client", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    private static async Task<string> CodeAsync(OneIdBrowser browser, KiwigridEmulator emulator, string nonce)
    {
        using var page = await browser.OpenLoginPageAsync(nonce: nonce);
        using var beforeGrant = await browser.FollowAsync(
            await browser.PostCredentialsAsync(page, emulator.UserName, emulator.Password), stopAt: "/rest/auth/auth_grant");
        var grant = new Uri(beforeGrant.RequestMessage!.RequestUri!, beforeGrant.Headers.Location!);
        return System.Web.HttpUtility.ParseQueryString(grant.Query)["code"]!;
    }

    private static async Task<JsonNode> ExchangeAsync(OneIdBrowser browser, KiwigridEmulator emulator, string code, string secret)
    {
        using var answer = await TokenRequestAsync(browser, emulator, [new("grant_type", "authorization_code"),
            new("client_id", "energy-monitor-home"), new("client_secret", secret), new("code", code), new("redirect_uri", RedirectUri(emulator))]);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    private static async Task<HttpResponseMessage> TokenRequestAsync(OneIdBrowser browser, KiwigridEmulator emulator, KeyValuePair<string, string>[] form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await browser.Http.PostAsync($"{emulator.SolarwattRealmUri}/protocol/openid-connect/token", content);
    }

    private static string RedirectUri(KiwigridEmulator emulator) => new Uri(emulator.PortalUri, "/rest/auth/auth_grant").ToString();
}
