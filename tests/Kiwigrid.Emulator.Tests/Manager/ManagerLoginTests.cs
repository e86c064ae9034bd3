using System.Net;

using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The Manager's sign-in page and <c>POST /auth/login</c> as public clients drive them.</summary>
public sealed class ManagerLoginTests : IAsyncLifetime
{
    private ManagerRun _run = null!;

    public async Task InitializeAsync() => _run = await ManagerRun.StartAsync();

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/logon.html")]
    public async Task The_sign_in_page_carries_the_markers_clients_recognise_a_Manager_by(string path)
    {
        using var response = await _run.SendAsync(path, cookie: null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("action=\"/auth/login\"", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"primary-color\">Sign in</h3>", html, StringComparison.Ordinal);
        Assert.Contains("Please enter the gateway password", html, StringComparison.Ordinal);
        Assert.Contains("SOLARWATT Manager flex", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_password_gets_a_redirect_and_an_http_only_session_cookie_for_the_whole_site()
    {
        using var response = await ManagerRun.PostLoginAsync(_run.Http, ManagerOptions.InstallerUserName, "demo");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^kiwisessionid=[0-9a-f]{32}; Path=/; HttpOnly$", cookie);
    }

    [Fact]
    public async Task Each_login_opens_its_own_session()
    {
        var first = await _run.LoginAsync();
        var second = await _run.LoginAsync();

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("installer", "wrong")]
    [InlineData("admin", "demo")]
    [InlineData("", "")]
    public async Task Wrong_credentials_get_the_sign_in_page_again_and_no_cookie(string userName, string password)
    {
        using var response = await ManagerRun.PostLoginAsync(_run.Http, userName, password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("action=\"/auth/login\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Length > 0 ? password : "\u0000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_that_is_not_a_form_is_refused_like_a_wrong_password()
    {
        using var body = new StringContent("""{"username":"installer","password":"demo"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await _run.Http.PostAsync("/auth/login", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
