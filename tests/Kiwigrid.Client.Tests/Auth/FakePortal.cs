using Kiwigrid.Client.Tests.Local;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Client.Tests.Auth;

/// <summary>
/// The four login endpoints of PROTOCOL.md §2 on loopback, strict about what the client sends, with a switch to
/// make one step fail.
/// </summary>
internal sealed class FakePortal : IAsyncDisposable
{
    public const string Username = "jane@example.org";
    public const string Password = "S3cr3t-P@ss!";
    public const string SessionId = "SESSION-4711-secret";
    public const string Code = "CODE-0815-secret";
    public const string WebcoreSid = "WEBCORE-abc-secret";

    private LoopbackHttpServer _server = null!;

    /// <summary>Which step answers with an error (0: none).</summary>
    public int FailAt { get; set; }

    /// <summary>Which step answers "success" but without the cookie, code or token it should carry.</summary>
    public int OmitAt { get; set; }

    public string Token { get; set; } = TestTokens.Legacy();

    public int Logins { get; private set; }

    public Dictionary<string, string> LastLoginForm { get; } = [];

    public Uri BaseUri => _server.BaseUri;

    public KiwigridClientOptions Options => KiwigridClientOptions.ForServer(BaseUri);

    public static async Task<FakePortal> StartAsync()
    {
        var portal = new FakePortal();
        portal._server = await LoopbackHttpServer.StartAsync(portal.Map);
        return portal;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            LastLoginForm.Clear();
            foreach (var (key, value) in form)
            {
                LastLoginForm[key] = value.ToString();
            }

            if (FailAt == 1 || form["username"] != Username || form["password"] != Password)
            {
                return Results.Json(new { message = "Invalid credentials" }, statusCode: 401);
            }

            Logins++;

            // The original client reads the second Set-Cookie: send another one first, as the real server does.
            http.Response.Headers.Append("Set-Cookie", "lang=de; Path=/");
            if (OmitAt != 1)
            {
                http.Response.Headers.Append("Set-Cookie", $"session_id={SessionId}; Path=/; HttpOnly");
            }

            return Results.Json(new { redirectUri = "/authorize?response_type=code" });
        });

        app.MapGet("/authorize", (HttpContext http) =>
        {
            var q = http.Request.Query;
            if (FailAt == 2 || http.Request.Cookies["session_id"] != SessionId
                || q["response_type"] != "code" || q["client_id"] != "kiwigrid.desktop" || q["overrideRedirectUri"] != "true"
                || !q["redirect_uri"].ToString().EndsWith("/rest/auth/auth_grant", StringComparison.Ordinal))
            {
                return Results.Json(new { error = "invalid_request", message = "Unknown session" }, statusCode: 401);
            }

            var location = OmitAt == 2 ? $"{BaseUri}rest/auth/auth_grant" : $"{BaseUri}rest/auth/auth_grant?code={Code}";
            return Results.Redirect(location);
        });

        app.MapGet("/rest/auth/auth_grant", (HttpContext http) =>
        {
            if (FailAt == 3 || http.Request.Query["code"] != Code)
            {
                return Results.Json(new { message = "Unknown or reused code" }, statusCode: 400);
            }

            if (OmitAt != 3)
            {
                http.Response.Headers.Append("Set-Cookie", $"webcore_sid={WebcoreSid}; Path=/; HttpOnly");
            }

            return Results.Redirect($"{BaseUri}index.html", permanent: false, preserveMethod: true);
        });

        app.MapGet("/js/context.js", (HttpContext http) =>
        {
            if (FailAt == 4 || http.Request.Cookies["webcore_sid"] != WebcoreSid)
            {
                return Results.Text("<html>Please log in</html>", "text/html", statusCode: 401);
            }

            var token = OmitAt == 4 ? "" : $"  accessToken: '{Token}',\n";
            return Results.Text($"var context = {{\n  locale: 'de',\n{token}  channel: 'solarwatt'\n}};\n", "application/javascript");
        });
    }
}
