using System.Net;
using System.Text.RegularExpressions;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// The OneID login driven by hand over plain HTTP, as a browser would, stopping where the realm sends the browser back
/// to the portal: what the client cannot be made to do (present one code twice, or late) is done with its result.
/// </summary>
internal static partial class ManualLogin
{
    /// <summary>The portal's grant URL (with the code) of one successful login with the demo account.</summary>
    public static async Task<Uri> PortalGrantAsync(EmulatedHome home)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        var redirectUri = new Uri(home.Emulator.PortalUri, "/rest/auth/auth_grant").AbsoluteUri;
        var next = new Uri(home.Emulator.SolarwattRealmUri.AbsoluteUri + "/protocol/openid-connect/auth?client_id=energy-monitor-home"
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri) + "&response_type=code&scope=openid&state=s1&nonce=n1&kc_idp_hint=solarwatt-oneid");
        string page;
        while (true)
        {
            using var response = await http.GetAsync(next);
            if (response.Headers.Location is { } location)
            {
                next = new Uri(next, location);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
            break;
        }

        var action = new Uri(next, WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value));
        using var form = new FormUrlEncodedContent([new("username", home.Emulator.UserName), new("password", home.Emulator.Password)]);
        using var posted = await http.PostAsync(action, form);
        next = new Uri(action, posted.Headers.Location ?? throw new InvalidOperationException($"The credentials were answered {(int)posted.StatusCode}."));
        while (!next.AbsolutePath.EndsWith("/auth_grant", StringComparison.Ordinal))
        {
            using var response = await http.GetAsync(next);
            next = new Uri(next, response.Headers.Location ?? throw new InvalidOperationException($"{next.AbsolutePath} answered {(int)response.StatusCode}."));
        }

        return next;
    }

    /// <summary>Presents the grant to the portal as a fresh browser; 302 to the portal's page when it took the code.</summary>
    public static async Task<HttpStatusCode> RedeemAsync(Uri grant)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync(grant);
        return response.StatusCode;
    }

    [GeneratedRegex("""<form\b[^>]*\baction="([^"]*)""")]
    private static partial Regex FormAction();
}
