using System.Net;
using Kiwigrid.Client;
using Kiwigrid.Client.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// The HEMS client's OneID login against the emulator's OpenIddict realms and portal, each host on its own loopback
/// origin, so redirects cross hosts and cookies are scoped as a browser scopes them.
/// </summary>
public class OneIdLoginTests
{
    [Fact]
    public async Task The_client_logs_in_through_the_broker_and_reads_the_energy_flow()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await HemsHome.ConnectAsync(home);

        var flow = await client.GetEnergyFlowAsync();

        Assert.NotNull(client.TokenExpiration);
        Assert.True(flow.Pv.Out > 1000, $"PV at noon in June: {flow.Pv.Out}");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_one_sentence_that_names_no_secret()
    {
        await using var home = await EmulatedHome.StartAsync();
        const string Wrong = "not-the-Password-42";

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(
            () => HemsClient.ConnectAsync(home.Emulator.UserName, Wrong, HemsHome.Options(home)));

        Assert.Equal(401, error.StatusCode);
        AssertOneSentence(error.Message);
        Assert.DoesNotContain(Wrong, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_end_in_a_lockout_told_in_one_sentence()
    {
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { MaxLoginFailures = 2 });
        var options = HemsHome.Options(home);
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => HemsClient.ConnectAsync(home.Emulator.UserName, "wrong", options));
        }

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => HemsHome.ConnectAsync(home, options));

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("too many failed attempts", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task Each_host_gets_only_its_own_cookies()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var tap = new LoginTap();
        await using var client = await HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap });
        await client.GetEnergyFlowAsync();

        var portal = home.Emulator.PortalUri.Authority;
        var realms = new[] { home.Emulator.SolarwattRealmUri.Authority, home.Emulator.OneIdRealmUri.Authority };
        Assert.Equal(4, new[] { portal, realms[0], realms[1], home.Emulator.HemsApiUri.Authority }.Distinct().Count());
        Assert.Contains(tap.Requests, r => r.Uri.Authority == portal && r.Cookies.Contains("SESSION=", StringComparison.Ordinal));
        Assert.Contains(tap.Requests, r => realms.Contains(r.Uri.Authority) && r.Cookies.Contains("AUTH_SESSION_ID=", StringComparison.Ordinal));
        foreach (var (uri, cookies) in tap.Requests)
        {
            if (uri.Authority != portal)
            {
                Assert.DoesNotContain("SESSION=", cookies.Replace("AUTH_SESSION_ID=", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            }

            if (!realms.Contains(uri.Authority))
            {
                Assert.DoesNotContain("AUTH_SESSION_ID", cookies, StringComparison.Ordinal);
                Assert.DoesNotContain("KEYCLOAK_", cookies, StringComparison.Ordinal);
            }
        }

        Assert.All(tap.Requests.Where(r => r.Uri.AbsolutePath.StartsWith("/v11/", StringComparison.Ordinal)), r => Assert.Empty(r.Cookies));
    }

    [Fact]
    public async Task A_portal_cookie_scoped_to_the_realms_host_is_not_kept_and_the_login_says_so()
    {
        await using var home = await EmulatedHome.StartAsync();
        var realmHost = home.Emulator.SolarwattRealmUri.Host;
        using var tap = new LoginTap((request, response) =>
        {
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SESSION=", StringComparison.Ordinal)))
            {
                var scoped = cookies.Select(c => c.StartsWith("SESSION=", StringComparison.Ordinal) ? c + "; Domain=" + realmHost : c).ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", scoped);
            }

            return response;
        });

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(
            () => HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap }));

        Assert.Contains("no session", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
        Assert.DoesNotContain(tap.Requests, r => r.Cookies.Contains(" SESSION=", StringComparison.Ordinal) || r.Cookies.StartsWith("SESSION=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_return_to_the_portal_with_another_state_is_refused()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var tap = new LoginTap((request, response) =>
        {
            if (response.Headers.Location is { } location && location.OriginalString.Contains("auth_grant", StringComparison.Ordinal))
            {
                response.Headers.Location = new Uri(System.Text.RegularExpressions.Regex.Replace(location.OriginalString, "state=[^&]*", "state=0123456789abcdef"));
            }

            return response;
        });

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(
            () => HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap }));

        Assert.Contains("state", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
        Assert.DoesNotContain(tap.Requests, r => r.Uri.AbsolutePath.EndsWith("/auth_grant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_ten_hops_in_one_sentence()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var tap = new LoginTap((request, response) =>
        {
            if (request.RequestUri!.AbsolutePath.Contains("/broker/", StringComparison.Ordinal))
            {
                response.Dispose();
                var loop = new HttpResponseMessage(HttpStatusCode.Found);
                loop.Headers.Location = request.RequestUri;
                return loop;
            }

            return response;
        });

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(
            () => HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap }));

        Assert.Contains("redirects", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
        Assert.InRange(tap.Requests.Count(r => r.Uri.AbsolutePath.Contains("/broker/", StringComparison.Ordinal)), 10, 11);
    }

    [Fact]
    public async Task A_login_page_without_its_form_is_reported_in_one_sentence()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var tap = new LoginTap((request, response) =>
        {
            if (response.StatusCode == HttpStatusCode.OK && request.RequestUri!.AbsolutePath.Contains("/realms/oneid/", StringComparison.Ordinal))
            {
                response.Content = new StringContent("<html><body><p>Wartungsarbeiten</p></body></html>", System.Text.Encoding.UTF8, "text/html");
            }

            return response;
        });

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(
            () => HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap }));

        Assert.Contains("no login form", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task A_code_that_expires_on_the_way_to_the_portal_is_refused_in_one_sentence()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var late = new LoginTap(beforeSending: request =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/auth_grant", StringComparison.Ordinal))
            {
                home.Clock.Advance(TimeSpan.FromMinutes(2)); // Keycloak's codes live 1 min
            }
        });

        var error = await Assert.ThrowsAnyAsync<KiwigridException>(
            () => HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = late }));

        Assert.Contains("log in again", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
        Assert.DoesNotContain("code=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_refuses_an_expired_code_and_a_reused_code()
    {
        await using var home = await EmulatedHome.StartAsync();

        var grant = await ManualLogin.PortalGrantAsync(home);
        Assert.Equal(HttpStatusCode.Found, await ManualLogin.RedeemAsync(grant));
        Assert.Equal(HttpStatusCode.Unauthorized, await ManualLogin.RedeemAsync(grant));

        var expired = await ManualLogin.PortalGrantAsync(home);
        home.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await ManualLogin.RedeemAsync(expired));
    }

    internal static void AssertOneSentence(string message)
    {
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", message, StringComparison.Ordinal); // no JWT
    }
}
