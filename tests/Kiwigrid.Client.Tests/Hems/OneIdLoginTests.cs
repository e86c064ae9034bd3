using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Tests.Local;
using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.Hems;

public sealed class OneIdLoginTests
{
    [Fact]
    public async Task Login_reaches_the_token_keeping_each_cookie_on_its_own_host()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();

        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        Assert.Equal(1, cloud.Logins);
        Assert.Contains(cloud.CookiesSeenByRealm, c => c.Contains(FakeHemsCloud.RealmCookie, StringComparison.Ordinal));
        Assert.Contains(cloud.CookiesSeenByPortal, c => c.Contains(FakeHemsCloud.PortalCookie, StringComparison.Ordinal));
        Assert.DoesNotContain(cloud.CookiesSeenByPortal, c => c.Contains("KC_SESSION", StringComparison.Ordinal));
        Assert.DoesNotContain(cloud.CookiesSeenByRealm, c => c.Contains("PORTAL_SID", StringComparison.Ordinal));
        Assert.NotNull(client.TokenExpiration);
    }

    [Fact]
    public void The_form_action_is_found_with_its_entities_decoded()
    {
        var html = File.ReadAllText(RepoPaths.Fixture("hems", "keycloak-login.html"))
            .Replace("{{REALM_URL}}", "https://login.example.org/auth/realms/solarwatt", StringComparison.Ordinal);

        var action = OneIdLogin.FindLoginAction(html, new Uri("https://login.example.org/page"));

        Assert.Equal(
            "https://login.example.org/auth/realms/solarwatt/login-actions/authenticate?session_code=SAMPLE_SESSION_CODE&execution=SAMPLE_EXECUTION&client_id=SAMPLE_CLIENT_ID&tab_id=SAMPLE_TAB_ID",
            action?.AbsoluteUri);
    }

    [Fact]
    public async Task A_wrong_password_is_a_refused_login_that_does_not_repeat_the_password()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        const string wrong = "Wr0ng-P@ss-visible";

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => HemsClient.ConnectAsync(FakeHemsCloud.Username, wrong, cloud.Options));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("refused the username or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, cloud.Logins);
    }

    [Fact]
    public async Task A_page_without_the_login_form_is_a_protocol_error()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        cloud.LoginPage = "<html><body><form action=\"/search\"><input name=\"q\"></form></body></html>";

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options));

        Assert.Contains("not a SOLARWATT OneID login page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_ten_redirects()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        cloud.RedirectLoop = true;

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options));

        Assert.Contains("more than 10 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + OneIdLogin.MaxRedirects, cloud.CookiesSeenByPortal.Count);
        Assert.DoesNotContain(FakeHemsCloud.Code, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_realm_that_is_down_is_a_service_error_and_no_realm_at_all_a_protocol_error()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        cloud.AuthorizeStatus = 503;

        var down = await Assert.ThrowsAsync<KiwigridServiceException>(() => HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options));
        Assert.Equal(503, down.Code);

        cloud.AuthorizeStatus = 404;
        var absent = await Assert.ThrowsAsync<KiwigridProtocolException>(() => HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options));
        Assert.Contains("no SOLARWATT OneID login", absent.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("state=", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_realm_is_a_connection_error_naming_the_host()
    {
        var closed = LoopbackHttpServer.ClosedPort();

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => HemsClient.ConnectAsync("a@b.c", "pw-x", HemsClientOptions.ForServer(closed)));

        Assert.Contains(closed.Authority, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"oauth":{"accessToken":"a.b.c"}}""", "a.b.c")]
    [InlineData("""{"oauth":{"access_token":"a.b.c"}}""", "a.b.c")]
    [InlineData("""{"oauth":{}}""", null)]
    [InlineData("<html>login</html>", null)]
    public void The_token_is_read_from_either_name_in_the_context(string json, string? expected) =>
        Assert.Equal(expected, OneIdLogin.ReadToken(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ForServer_puts_realm_portal_and_api_on_one_origin()
    {
        var options = HemsClientOptions.ForServer(new Uri("http://127.0.0.1:8080/anything"));

        Assert.Equal("http://127.0.0.1:8080/auth/realms/solarwatt", options.RealmUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:8080/", options.PortalUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:8080/v11/", options.ApiUri.AbsoluteUri);
    }

    [Fact]
    public void An_api_base_given_without_its_final_slash_still_keeps_the_version_in_every_request()
    {
        var options = HemsClientOptions.Default with { ApiUri = new Uri("http://127.0.0.1:8080/v11") };

        Assert.Equal("http://127.0.0.1:8080/v11/energy-flow", new Uri(options.ApiUri, "energy-flow").AbsoluteUri);
    }
}
