using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Portal;

public sealed class LoginFlowTests
{
    [Fact]
    public async Task The_four_steps_yield_a_signed_token_for_the_user_and_stay_on_the_emulator()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var login = await RawLogin.PostLoginAsync(http, EmulatorOptions.DemoUserName, EmulatorOptions.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.StartsWith("session_id=", cookies[1], StringComparison.Ordinal);
        var redirect = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["redirectUri"]!.GetValue<string>();
        Assert.StartsWith("/authorize?response_type=code&redirect_uri=", redirect, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", redirect, StringComparison.Ordinal);

        using var authorize = await RawLogin.GetWithCookieAsync(http, redirect, "session_id=" + RawLogin.Cookie(login, "session_id"));
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var grantUri = authorize.Headers.Location!;
        Assert.Equal(emulator.BaseUri.GetLeftPart(UriPartial.Authority), grantUri.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/rest/auth/auth_grant", grantUri.AbsolutePath);

        using var grant = await RawLogin.GetWithCookieAsync(http, grantUri.ToString(), null);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, grant.StatusCode);
        Assert.Equal(new Uri(emulator.BaseUri, "/index.html"), grant.Headers.Location);

        using var context = await RawLogin.GetWithCookieAsync(http, "/js/context.js", "webcore_sid=" + RawLogin.Cookie(grant, "webcore_sid"));
        Assert.Equal(HttpStatusCode.OK, context.StatusCode);
        var token = RawLogin.TokenIn(await context.Content.ReadAsStringAsync());

        // base64(json + "." + base64(20-byte signature)), unpadded.
        Assert.DoesNotContain('=', token);
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token.PadRight((token.Length + 3) / 4 * 4, '=')));
        var dot = decoded.LastIndexOf('.');
        Assert.Equal(20, Convert.FromBase64String(decoded[(dot + 1)..]).Length);
        var payload = JsonNode.Parse(decoded[..dot])!.AsObject();
        Assert.Equal(EmulatorOptions.DemoUserName, payload["user_id"]!.GetValue<string>());
        Assert.Equal("kiwigrid.desktop", payload["client_id"]!.GetValue<string>());
        Assert.Contains("read_devices", payload["scope"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(payload["expiration"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_code_works_once()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);
        var grantUri = await GrantUriAsync(http, emulator);

        using var first = await RawLogin.GetWithCookieAsync(http, grantUri, null);
        using var second = await RawLogin.GetWithCookieAsync(http, grantUri, null);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task A_code_expires_after_a_minute()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(time: clock);
        using var http = EmulatorRun.HttpClient(emulator);
        var grantUri = await GrantUriAsync(http, emulator);

        clock.Advance(TimeSpan.FromSeconds(61));
        using var grant = await RawLogin.GetWithCookieAsync(http, grantUri, null);

        Assert.Equal(HttpStatusCode.Unauthorized, grant.StatusCode);
    }

    [Fact]
    public async Task Authorize_ignores_a_foreign_redirect_uri()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);
        using var login = await RawLogin.PostLoginAsync(http, emulator.UserName, emulator.Password);

        using var authorize = await RawLogin.GetWithCookieAsync(
            http, "/authorize?response_type=code&client_id=kiwigrid.desktop&redirect_uri=https%3A%2F%2Fevil.example%2Fgrab", "session_id=" + RawLogin.Cookie(login, "session_id"));

        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.Equal(emulator.BaseUri.Authority, authorize.Headers.Location!.Authority);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("session_id=0123456789abcdef")]
    public async Task Authorize_without_a_valid_session_is_401(string? cookie)
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var authorize = await RawLogin.GetWithCookieAsync(http, "/authorize?response_type=code", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, authorize.StatusCode);
        Assert.False(authorize.Headers.Contains("Location"));
    }

    [Fact]
    public async Task Grant_without_code_is_400_and_context_without_session_is_401()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var grant = await RawLogin.GetWithCookieAsync(http, "/rest/auth/auth_grant", null);
        using var context = await RawLogin.GetWithCookieAsync(http, "/js/context.js", "webcore_sid=forged");

        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, context.StatusCode);
        Assert.DoesNotContain("accessToken", await context.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401_without_echoing_the_password()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var wrongPassword = await RawLogin.PostLoginAsync(http, emulator.UserName, "hunter2-wrong");
        using var unknownUser = await RawLogin.PostLoginAsync(http, "nobody@example.com", "hunter2-wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        var body = await wrongPassword.Content.ReadAsStringAsync();
        Assert.Equal(body, await unknownUser.Content.ReadAsStringAsync());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Repeated_failures_throttle_that_user_only()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(o => o with
        {
            Users = new Dictionary<string, string> { ["alice@example.com"] = "alice-pw", ["bob@example.com"] = "bob-pw" },
        }, clock);
        using var http = EmulatorRun.HttpClient(emulator);

        for (var i = 0; i < 5; i++)
        {
            using var failure = await RawLogin.PostLoginAsync(http, "alice@example.com", "guess" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        }

        using var throttled = await RawLogin.PostLoginAsync(http, "alice@example.com", "alice-pw");
        using var otherUser = await RawLogin.PostLoginAsync(http, "bob@example.com", "bob-pw");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await RawLogin.PostLoginAsync(http, "alice@example.com", "alice-pw");

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Login_accepts_the_original_request_with_plain_ampersands()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var login = await RawLogin.PostLoginAsync(http, emulator.UserName, emulator.Password, RawLogin.OriginalRequest.Replace("&amp;", "&", StringComparison.Ordinal));

        var redirect = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["redirectUri"]!.GetValue<string>();
        Assert.Equal(RawLogin.OriginalRequest.Replace("&amp;", "&", StringComparison.Ordinal), redirect);
    }

    [Fact]
    public void Options_never_show_passwords()
    {
        var options = EmulatorOptions.Default with { Users = new Dictionary<string, string> { ["carol"] = "s3cret-pw" } };

        Assert.DoesNotContain("s3cret-pw", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("carol", options.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> GrantUriAsync(HttpClient http, KiwigridEmulator emulator)
    {
        using var login = await RawLogin.PostLoginAsync(http, emulator.UserName, emulator.Password);
        using var authorize = await RawLogin.GetWithCookieAsync(http, "/authorize?response_type=code", "session_id=" + RawLogin.Cookie(login, "session_id"));
        return authorize.Headers.Location!.ToString();
    }
}
