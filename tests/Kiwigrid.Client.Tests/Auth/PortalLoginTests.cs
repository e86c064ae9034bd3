using Kiwigrid.Client.Auth;
using Kiwigrid.Client.Tests.Local;
using Microsoft.AspNetCore.Builder;

namespace Kiwigrid.Client.Tests.Auth;

public class PortalLoginTests
{
    private static readonly string[] Secrets = [FakePortal.Password, FakePortal.SessionId, FakePortal.Code, FakePortal.WebcoreSid];

    [Fact]
    public async Task The_four_steps_yield_the_token_and_the_login_cookies()
    {
        await using var portal = await FakePortal.StartAsync();
        using var login = new PortalLogin(portal.Options);

        var session = await login.LoginAsync(FakePortal.Username, FakePortal.Password, default);

        Assert.Equal(portal.Token, session.AccessToken.Value);
        Assert.Equal("jane@example.org", session.AccessToken.User);
        var cookies = session.Cookies.GetCookies(portal.BaseUri);
        Assert.Equal(FakePortal.SessionId, cookies["session_id"]?.Value);
        Assert.Equal(FakePortal.WebcoreSid, cookies["webcore_sid"]?.Value);
        Assert.Null(cookies["lang"]);
    }

    [Fact]
    public async Task Step_one_sends_the_form_of_the_original_client()
    {
        await using var portal = await FakePortal.StartAsync();
        using var login = new PortalLogin(portal.Options);

        await login.LoginAsync(FakePortal.Username, FakePortal.Password, default);

        Assert.Equal("false", portal.LastLoginForm["autologin"]);
        Assert.Equal("solarwatt", portal.LastLoginForm["channel"]);
        Assert.Equal(
            $"/authorize?response_type=code&redirect_uri={Uri.EscapeDataString(portal.BaseUri + "rest/auth/auth_grant")}&state=&client_id=kiwigrid.desktop&overrideRedirectUri=true",
            portal.LastLoginForm["originalRequest"]);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_repeating_it()
    {
        await using var portal = await FakePortal.StartAsync();
        using var login = new PortalLogin(portal.Options);

        var ex = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => login.LoginAsync(FakePortal.Username, "Wr0ng-P@ss", default));

        Assert.Equal(1, ex.Step);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("Login failed at step 1 (login): the portal rejected the username or password (HTTP 401).", ex.Message);
    }

    [Theory]
    [InlineData(1, 401, "step 1 (login)")]
    [InlineData(2, 401, "step 2 (authorize)")]
    [InlineData(3, 400, "step 3 (auth grant)")]
    [InlineData(4, 401, "step 4 (context.js)")]
    public async Task A_refusal_at_each_step_names_the_step_and_the_status(int step, int status, string named)
    {
        await using var portal = await FakePortal.StartAsync();
        portal.FailAt = step;
        using var login = new PortalLogin(portal.Options);

        var ex = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Equal(step, ex.Step);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_server_error_message_is_reported()
    {
        await using var portal = await FakePortal.StartAsync();
        portal.FailAt = 3;
        using var login = new PortalLogin(portal.Options);

        var ex = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Equal("Login step 3 (auth grant) failed: the server answered HTTP 400 Bad Request: Unknown or reused code.", ex.Message);
    }

    [Theory]
    [InlineData(2, "no authorization code")]
    [InlineData(3, "no webcore_sid cookie")]
    [InlineData(4, "no accessToken")]
    public async Task A_success_missing_its_cookie_code_or_token_names_the_step(int step, string expected)
    {
        await using var portal = await FakePortal.StartAsync();
        portal.OmitAt = step;
        using var login = new PortalLogin(portal.Options);

        var ex = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Equal(step, ex.Step);
        Assert.Contains($"step {step}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_login_success_without_the_session_cookie_is_not_a_portal()
    {
        await using var portal = await FakePortal.StartAsync();
        portal.OmitAt = 1;
        using var login = new PortalLogin(portal.Options);

        var ex = await Assert.ThrowsAsync<KiwigridProtocolException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Contains("answered HTTP 200 without a session cookie, which is not a Kiwigrid portal's answer", ex.Message, StringComparison.Ordinal);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, ex.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(501, "text/html", "<html><body>Error response: Unsupported method ('POST')</body></html>", "HTTP 501")]
    [InlineData(404, "text/html", "<html>Not Found</html>", "HTTP 404")]
    [InlineData(404, "application/json", "{\"error\":\"no route\"}", "HTTP 404")]
    [InlineData(405, "text/plain", "", "HTTP 405")]
    [InlineData(500, "text/html", "<html>Internal Server Error</html>", "HTTP 500")]
    [InlineData(200, "text/html", "<html>Directory listing</html>", "HTTP 200 without a session cookie")]
    public async Task A_server_that_is_no_portal_is_a_protocol_error_not_a_refused_login(int status, string contentType, string body, string named)
    {
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapPost(
            "/login", () => Microsoft.AspNetCore.Http.Results.Text(body, contentType, System.Text.Encoding.UTF8, status)));
        using var login = new PortalLogin(KiwigridClientOptions.ForServer(server.BaseUri));

        var ex = await Assert.ThrowsAsync<KiwigridProtocolException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Contains($"the login at {server.BaseUri}login answered {named}, which is not a Kiwigrid portal's answer", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakePortal.Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "text/html", "<html>Forbidden</html>")]
    [InlineData(429, "text/html", "")]
    [InlineData(400, "application/json", "{\"error\":\"invalid_request\"}")]
    public async Task A_refusal_as_a_portal_gives_it_stays_a_login_failure(int status, string contentType, string body)
    {
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapPost(
            "/login", () => Microsoft.AspNetCore.Http.Results.Text(body, contentType, System.Text.Encoding.UTF8, status)));
        using var login = new PortalLogin(KiwigridClientOptions.ForServer(server.BaseUri));

        var ex = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_host_is_a_connection_error()
    {
        using var login = new PortalLogin(KiwigridClientOptions.ForServer(LoopbackHttpServer.ClosedPort()));

        var ex = await Assert.ThrowsAsync<KiwigridConnectionException>(() => login.LoginAsync(FakePortal.Username, FakePortal.Password, default));

        Assert.Contains("step 1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakePortal.Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_from_the_options_is_used()
    {
        await using var portal = await FakePortal.StartAsync();
        var handler = new CountingHandler();
        using var login = new PortalLogin(portal.Options with { HttpMessageHandler = handler });

        await login.LoginAsync(FakePortal.Username, FakePortal.Password, default);

        Assert.Equal(4, handler.Requests);
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
