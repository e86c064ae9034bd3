using System.Net;
using System.Text.RegularExpressions;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>The four login steps of PROTOCOL.md §2 done with plain HTTP, asserting each step on the way.</summary>
internal static partial class RawLogin
{
    public const string OriginalRequest =
        "/authorize?response_type=code&amp;redirect_uri=https%3A%2F%2Fdesktop.energy-manager.de%2Frest%2Fauth%2Fauth_grant"
        + "&amp;state=&amp;client_id=kiwigrid.desktop&amp;overrideRedirectUri=true";

    public static async Task<string> AccessTokenAsync(KiwigridEmulator emulator)
    {
        using var http = EmulatorRun.HttpClient(emulator);
        using var login = await PostLoginAsync(http, emulator.UserName, emulator.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var sessionCookie = Cookie(login, "session_id");

        var redirect = System.Text.Json.Nodes.JsonNode.Parse(await login.Content.ReadAsStringAsync())!["redirectUri"]!.GetValue<string>();
        using var authorize = await GetWithCookieAsync(http, redirect, "session_id=" + sessionCookie);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);

        using var grant = await GetWithCookieAsync(http, authorize.Headers.Location!.ToString(), null);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, grant.StatusCode);

        using var context = await GetWithCookieAsync(http, "/js/context.js", "webcore_sid=" + Cookie(grant, "webcore_sid"));
        Assert.Equal(HttpStatusCode.OK, context.StatusCode);
        return TokenIn(await context.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string user, string password, string originalRequest = OriginalRequest) =>
        http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user,
            ["password"] = password,
            ["autologin"] = "false",
            ["channel"] = "solarwatt",
            ["originalRequest"] = originalRequest,
        }));

    public static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient http, string url, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The value of a cookie the response sets; fails the test when it sets none.</summary>
    public static string Cookie(HttpResponseMessage response, string name)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith(name + "=", StringComparison.Ordinal));
        return header[(name.Length + 1)..].Split(';')[0];
    }

    public static string TokenIn(string contextJs) => AccessTokenLine().Match(contextJs) is { Success: true } match
        ? match.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("context.js has no accessToken line:\n" + contextJs);

    [GeneratedRegex(@"^\s*accessToken\s*:\s*'([^']+)'\s*,\s*$", RegexOptions.Multiline)]
    private static partial Regex AccessTokenLine();
}
