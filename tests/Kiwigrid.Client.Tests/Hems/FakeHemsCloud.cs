using System.Collections.Concurrent;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Tests.Auth;
using Kiwigrid.Client.Tests.Local;
using Kiwigrid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Client.Tests.Hems;

/// <summary>
/// The OneID realm, the portal and the HEMS API on one loopback server, strict about cookies: the realm is reached
/// as 127.0.0.1, the portal and the API as localhost, so a cookie that crosses hosts shows. Serves the hems/ fixtures.
/// </summary>
internal sealed class FakeHemsCloud : IAsyncDisposable
{
    public const string Username = "jane@example.org";
    public const string Password = "S3cr3t-P@ss!";
    public const string RealmCookie = "KC_SESSION=realm-cookie-secret";
    public const string PortalCookie = "PORTAL_SID=portal-cookie-secret";
    public const string Code = "CODE-0815-secret";
    private const string RealmPath = "/auth/realms/solarwatt";

    private LoopbackHttpServer _server = null!;
    private int _tokenSerial;
    private string _state = string.Empty; // the last authorization request's, handed back as a realm does

    /// <summary>The token's lifetime from the clock's now at each login.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The login page's template; a test swaps in another page.</summary>
    public string LoginPage { get; set; } = File.ReadAllText(RepoPaths.Fixture("hems", "keycloak-login.html"));

    /// <summary>A status the authorization request answers instead of redirecting (a realm that is down or absent).</summary>
    public int? AuthorizeStatus { get; set; }

    /// <summary>Makes the portal's grant redirect to itself forever.</summary>
    public bool RedirectLoop { get; set; }

    /// <summary>The password the realm accepts; a test changes it to refuse the client's.</summary>
    public string AcceptedPassword { get; set; } = Password;

    public int Logins => _logins;

    public ConcurrentQueue<string> CookiesSeenByPortal { get; } = new();

    public ConcurrentQueue<string> CookiesSeenByRealm { get; } = new();

    /// <summary>Statuses (with an optional Retry-After) the API answers next, one each, before it answers normally.</summary>
    public ConcurrentQueue<(int Status, string? RetryAfter)> NextApiAnswers { get; } = new();

    /// <summary>Whether every API request answers 503, as in an outage.</summary>
    public bool ApiDown { get; set; }

    /// <summary>API paths (without /v11/) answered with 404.</summary>
    public HashSet<string> Missing { get; } = [];

    public ConcurrentQueue<string> ApiRequests { get; } = new();

    /// <summary>Tokens the API no longer accepts, as if revoked.</summary>
    public ConcurrentDictionary<string, bool> RevokedTokens { get; } = new();

    public string? LastToken { get; private set; }

    private int _logins;

    public Uri RealmBase => new($"http://127.0.0.1:{_server.BaseUri.Port}");

    public Uri OtherHostBase => new($"http://localhost:{_server.BaseUri.Port}");

    public HemsClientOptions Options => new()
    {
        RealmUri = new Uri(RealmBase, RealmPath),
        PortalUri = OtherHostBase,
        ApiUri = new Uri(OtherHostBase, "/v11/"),
        TimeProvider = Clock,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    public static async Task<FakeHemsCloud> StartAsync()
    {
        var cloud = new FakeHemsCloud();
        cloud._server = await LoopbackHttpServer.StartAsync(cloud.Map);
        return cloud;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Map(WebApplication app)
    {
        // Step 1: the authorization request, through a "broker" hop that sets the realm's cookie, to the page.
        app.MapGet(RealmPath + "/protocol/openid-connect/auth", (HttpContext http) =>
        {
            if (AuthorizeStatus is { } status)
            {
                return Results.StatusCode(status);
            }

            var q = http.Request.Query;
            if (q["client_id"] != "energy-monitor-home" || q["response_type"] != "code" || q["kc_idp_hint"] != "solarwatt-oneid"
                || string.IsNullOrEmpty(q["state"]) || string.IsNullOrEmpty(q["nonce"]) || !q["redirect_uri"].ToString().EndsWith("/rest/auth/auth_grant", StringComparison.Ordinal))
            {
                return Results.BadRequest();
            }

            _state = q["state"].ToString();
            http.Response.Headers.Append("Set-Cookie", RealmCookie + "; Path=/; HttpOnly");
            return Results.Redirect($"{RealmPath}/broker/solarwatt-oneid/login?state={q["state"]}");
        });
        app.MapGet(RealmPath + "/broker/solarwatt-oneid/login", (HttpContext http) =>
        {
            CookiesSeenByRealm.Enqueue(http.Request.Headers.Cookie.ToString());
            return http.Request.Headers.Cookie.ToString().Contains(RealmCookie, StringComparison.Ordinal)
                ? Results.Content(LoginPage.Replace("{{REALM_URL}}", RealmBase + RealmPath.TrimStart('/'), StringComparison.Ordinal), "text/html")
                : Results.BadRequest();
        });

        // Step 2: the credentials; a wrong password gets the page again with 200.
        app.MapPost(RealmPath + "/login-actions/authenticate", async (HttpContext http) =>
        {
            CookiesSeenByRealm.Enqueue(http.Request.Headers.Cookie.ToString());
            var q = http.Request.Query;
            if (q["session_code"] != "SAMPLE_SESSION_CODE" || q["execution"] != "SAMPLE_EXECUTION" || q["tab_id"] != "SAMPLE_TAB_ID")
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            if (form["username"] != Username || form["password"] != AcceptedPassword || form["login"] != "Anmelden" || !form.ContainsKey("credentialId"))
            {
                var invalid = await File.ReadAllTextAsync(RepoPaths.Fixture("hems", "keycloak-login-invalid.html"));
                return Results.Content(invalid.Replace("{{REALM_URL}}", RealmBase + RealmPath.TrimStart('/'), StringComparison.Ordinal), "text/html");
            }

            return Results.Redirect($"{OtherHostBase}rest/auth/auth_grant?code={Code}&state={Uri.EscapeDataString(_state)}");
        });

        // Step 3: the portal exchanges the code and sets its cookie.
        app.MapGet("/rest/auth/auth_grant", (HttpContext http) =>
        {
            CookiesSeenByPortal.Enqueue(http.Request.Headers.Cookie.ToString());
            if (RedirectLoop)
            {
                return Results.Redirect("/rest/auth/auth_grant?code=again");
            }

            if (http.Request.Query["code"] != Code)
            {
                return Results.BadRequest();
            }

            http.Response.Headers.Append("Set-Cookie", PortalCookie + "; Path=/; HttpOnly");
            return Results.Redirect("/");
        });
        app.MapGet("/", () => Results.Content("<html>portal</html>", "text/html"));

        // Step 4: the token.
        app.MapGet("/context", (HttpContext http) =>
        {
            var cookie = http.Request.Headers.Cookie.ToString();
            CookiesSeenByPortal.Enqueue(cookie);
            if (!cookie.Contains(PortalCookie, StringComparison.Ordinal))
            {
                return Results.StatusCode(401);
            }

            Interlocked.Increment(ref _logins);
            var exp = (Clock.GetUtcNow() + TokenLifetime).ToUnixTimeSeconds();
            var serial = Interlocked.Increment(ref _tokenSerial);
            LastToken = TestTokens.Jwt($$"""{"sub":"{{Username}}","exp":{{exp}},"n":{{serial}}}""");
            return Results.Json(new { oauth = new { accessToken = LastToken } });
        });

        // The API: fixtures by path, behind the bearer token.
        app.MapGet("/v11/{**path}", async (HttpContext http, string path) =>
        {
            ApiRequests.Enqueue(path + http.Request.QueryString);
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || RevokedTokens.ContainsKey(auth[7..]) || LastToken is null)
            {
                return Results.StatusCode(401);
            }

            if (ApiDown)
            {
                return Results.StatusCode(503);
            }

            if (NextApiAnswers.TryDequeue(out var answer))
            {
                if (answer.RetryAfter is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter;
                }

                return Results.StatusCode(answer.Status);
            }

            if (Missing.Contains(path))
            {
                return Results.NotFound();
            }

            var file = path.StartsWith("analytics/", StringComparison.Ordinal)
                ? RepoPaths.Fixture("hems", "analytics", AnalyticsFixture(path["analytics/".Length..], http.Request.Query))
                : RepoPaths.Fixture("hems", path.Replace('/', '-') + ".json");
            return File.Exists(file) ? Results.Bytes(await File.ReadAllBytesAsync(file), "application/json") : Results.NotFound();
        });
    }

    private static string AnalyticsFixture(string kind, IQueryCollection query)
    {
        var from = DateTime.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTime.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture);
        var days = Math.Round((to - from).TotalDays);
        var span = days <= 1 ? (query["type"] == "WORK" ? "work-day" : "day") : days <= 31 ? "month" : "year";
        var name = $"{kind}-{span}.json";
        return File.Exists(RepoPaths.Fixture("hems", "analytics", name)) ? name : $"{kind}-day.json";
    }
}
