using System.Net;
using System.Text.RegularExpressions;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Tests.OneId;

/// <summary>
/// Drives today's login as the public client does: a plain HttpClient with cookies, redirects followed by hand across
/// the emulator's separate host origins, the OneID form posted like a browser.
/// </summary>
internal sealed partial class OneIdBrowser : IDisposable
{
    private readonly KiwigridEmulator _emulator;

    public const string Scope = "openid kiwi-cloud-token-claims email profile";

    private readonly HttpClient _http;

    public OneIdBrowser(KiwigridEmulator emulator)
    {
        _emulator = emulator;
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies });
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address a redirect sent the browser to, in order.</summary>
    public List<Uri> Visited { get; } = [];

    public HttpClient Http => _http;

    public Uri AuthorizeUri(string state, string nonce) => new(
        $"{_emulator.SolarwattRealmUri}/protocol/openid-connect/auth?client_id=energy-monitor-home"
        + $"&redirect_uri={Uri.EscapeDataString(new Uri(_emulator.PortalUri, "/rest/auth/auth_grant").ToString())}"
        + $"&response_type=code&scope={Uri.EscapeDataString(Scope)}&state={state}&nonce={nonce}&kc_idp_hint=solarwatt-oneid");

    /// <summary>Starts the login and follows redirects to the OneID form; answers the page.</summary>
    public async Task<HttpResponseMessage> OpenLoginPageAsync(string state = "client-state-1", string nonce = "client-nonce-1") =>
        await FollowAsync(await _http.GetAsync(AuthorizeUri(state, nonce)));

    /// <summary>Posts the form of a login page; redirects are not followed.</summary>
    public async Task<HttpResponseMessage> PostCredentialsAsync(HttpResponseMessage page, string userName, string password)
    {
        var action = FormAction(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent([new("username", userName), new("password", password), new("credentialId", string.Empty), new("login", "Anmelden")]);
        return await _http.PostAsync(action, form);
    }

    /// <summary>Follows redirects until an answer that is none; <paramref name="stopAt"/> may stop before a path.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, string? stopAt = null)
    {
        for (var hops = 0; response.Headers.Location is { } location && hops < 10; hops++)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (stopAt is not null && next.AbsolutePath == stopAt)
            {
                return response;
            }

            Visited.Add(next);
            response.Dispose();
            response = await _http.GetAsync(next);
        }

        return response;
    }

    /// <summary>The whole login with the demo account; answers the last response (the portal's start page).</summary>
    public async Task<HttpResponseMessage> LogInAsync(string state = "client-state-1")
    {
        using var page = await OpenLoginPageAsync(state);
        return await FollowAsync(await PostCredentialsAsync(page, _emulator.UserName, _emulator.Password));
    }

    public static Uri FormAction(string html) =>
        new(WebUtility.HtmlDecode(FormActionPattern().Match(html) is { Success: true } match
            ? match.Groups["action"].Value
            : throw new InvalidOperationException("The page has no kc-form-login form.")));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form id=\"kc-form-login\"[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormActionPattern();
}
