using System.Net;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.Tests.OneId;

public sealed class OneIdLoginTests
{
    [Fact]
    public async Task The_login_crosses_the_hosts_and_the_portal_hands_out_a_token_signed_with_the_published_key()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);

        using var start = await browser.LogInAsync(state: "st4te-from-the-client");
        using var context = await ContextAsync(browser, emulator);

        Assert.Equal(HttpStatusCode.OK, context.StatusCode);
        var accessToken = (await ReadJsonAsync(context))["oauth"]!["accessToken"]!.GetValue<string>();
        var grant = Assert.Single(browser.Visited, uri => uri.AbsolutePath == "/rest/auth/auth_grant");
        Assert.Equal(emulator.PortalUri.Authority, grant.Authority);
        Assert.Contains("state=st4te-from-the-client", grant.Query, StringComparison.Ordinal);
        Assert.Contains(browser.Visited, uri => uri.Authority == emulator.OneIdRealmUri.Authority);

        var discovery = await ReadJsonAsync(await browser.Http.GetAsync($"{emulator.SolarwattRealmUri}/.well-known/openid-configuration"));
        Assert.Equal(emulator.SolarwattRealmUri.ToString().TrimEnd('/'), discovery["issuer"]!.GetValue<string>().TrimEnd('/'));
        var jwks = await browser.Http.GetStringAsync(discovery["jwks_uri"]!.GetValue<string>());
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = discovery["issuer"]!.GetValue<string>(),
            ValidateAudience = false,
        });

        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal(EmulatorOptions.DemoUserName, token.GetClaim("preferred_username").Value);
        Assert.Equal("energy-monitor-home", token.GetClaim("azp").Value);
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task The_portal_cookie_stays_on_the_portal_host()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);

        using var start = await browser.LogInAsync();

        Assert.Contains(browser.Cookies.GetCookies(emulator.PortalUri), cookie => cookie.Name == "SESSION");
        foreach (var other in new[] { emulator.SolarwattRealmUri, emulator.OneIdRealmUri, emulator.HemsApiUri, emulator.BaseUri })
        {
            Assert.DoesNotContain(browser.Cookies.GetCookies(other), cookie => cookie.Name == "SESSION");
        }
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_with_keycloaks_message()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);

        using var page = await browser.OpenLoginPageAsync();
        using var answer = await browser.PostCredentialsAsync(page, emulator.UserName, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("Invalid username or password.", html, StringComparison.Ordinal);
        Assert.StartsWith(emulator.OneIdRealmUri + "/login-actions/authenticate?session_code=", OneIdBrowser.FormAction(html).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_throttled_even_for_the_right_one()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        var page = await browser.OpenLoginPageAsync();
        for (var attempt = 0; attempt < EmulatorOptions.Default.MaxLoginFailures; attempt++)
        {
            var next = await browser.PostCredentialsAsync(page, emulator.UserName, "wrong");
            page.Dispose();
            page = next;
        }

        using var throttled = await browser.PostCredentialsAsync(page, emulator.UserName, emulator.Password);
        page.Dispose();

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Null(throttled.Headers.Location);
    }

    [Fact]
    public async Task A_code_works_once()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        using var page = await browser.OpenLoginPageAsync();
        using var beforeGrant = await browser.FollowAsync(
            await browser.PostCredentialsAsync(page, emulator.UserName, emulator.Password), stopAt: "/rest/auth/auth_grant");
        var grant = new Uri(beforeGrant.RequestMessage!.RequestUri!, beforeGrant.Headers.Location!);

        using var first = await browser.Http.GetAsync(grant);
        using var second = await browser.Http.GetAsync(grant);

        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task A_code_expires_after_a_minute()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(time: clock);
        using var browser = new OneIdBrowser(emulator);
        using var page = await browser.OpenLoginPageAsync();
        using var beforeGrant = await browser.FollowAsync(
            await browser.PostCredentialsAsync(page, emulator.UserName, emulator.Password), stopAt: "/rest/auth/auth_grant");

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var late = await browser.Http.GetAsync(new Uri(beforeGrant.RequestMessage!.RequestUri!, beforeGrant.Headers.Location!));

        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
    }

    [Fact]
    public async Task The_context_needs_a_portal_session()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);

        using var context = await ContextAsync(browser, emulator);

        Assert.Equal(HttpStatusCode.Unauthorized, context.StatusCode);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_by_the_portal()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(time: clock);
        using var browser = new OneIdBrowser(emulator);
        using var start = await browser.LogInAsync();
        var first = (await ReadJsonAsync(await ContextAsync(browser, emulator)))["oauth"]!["accessToken"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(6));
        using var context = await ContextAsync(browser, emulator);

        Assert.Equal(HttpStatusCode.OK, context.StatusCode);
        var second = new JsonWebToken((await ReadJsonAsync(context))["oauth"]!["accessToken"]!.GetValue<string>());
        Assert.NotEqual(first, second.EncodedToken);
        Assert.True(second.ValidTo > clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_signed_on_browser_gets_through_without_a_form()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        using var start = await browser.LogInAsync();

        using var again = await browser.FollowAsync(await browser.Http.GetAsync(browser.AuthorizeUri("second", "nonce-2")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(emulator.PortalUri, again.RequestMessage!.RequestUri);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        var evil = browser.AuthorizeUri("s", "n").ToString().Replace(
            Uri.EscapeDataString(emulator.PortalUri.GetLeftPart(UriPartial.Authority)), Uri.EscapeDataString("http://attacker.example"), StringComparison.Ordinal);

        using var answer = await browser.Http.GetAsync(evil);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    private static async Task<HttpResponseMessage> ContextAsync(OneIdBrowser browser, KiwigridEmulator emulator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.PortalUri, "/context"));
        request.Headers.Accept.ParseAdd("application/json");
        return await browser.Http.SendAsync(request);
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
