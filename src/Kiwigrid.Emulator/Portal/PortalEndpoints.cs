using System.Globalization;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Portal;

/// <summary>The login server (PROTOCOL.md §2, steps 1 and 2): <c>POST /login</c> and <c>GET /authorize</c>.</summary>
internal static class PortalEndpoints
{
    /// <summary>What the original client sends as <c>originalRequest</c> (after form decoding and with <c>&amp;amp;</c> undone).</summary>
    internal const string DefaultAuthorizeRequest =
        "/authorize?response_type=code&redirect_uri=https%3A%2F%2Fdesktop.energy-manager.de%2Frest%2Fauth%2Fauth_grant"
        + "&state=&client_id=kiwigrid.desktop&overrideRedirectUri=true";

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/login", LoginAsync);
        routes.MapGet("/authorize", Authorize);
        return routes;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, PortalAccounts accounts, LoginThrottle throttle, PortalSessions sessions, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PortalEndpoints));
        if (!context.Request.HasFormContentType)
        {
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "invalid_request", "The login expects an application/x-www-form-urlencoded body.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var userName = form["username"].ToString();
        var password = form["password"].ToString();
        if (userName.Length == 0 || password.Length == 0)
        {
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "invalid_request", "The login needs a username and a password.");
        }

        if (throttle.IsThrottled(userName, out var retryAfter))
        {
            PortalLog.LoginThrottled(logger, userName, retryAfter);
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return JsonResponse.Error(StatusCodes.Status429TooManyRequests, "too_many_attempts", "Too many failed logins for this user; try again later.");
        }

        if (!accounts.Verify(userName, password))
        {
            throttle.RecordFailure(userName);
            PortalLog.LoginFailed(logger, userName);
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "invalid_credentials", "Wrong username or password.");
        }

        throttle.RecordSuccess(userName);
        PortalLog.LoginSucceeded(logger, userName);

        // The original client takes the session from the second Set-Cookie header, so another cookie goes first.
        context.Response.Cookies.Append("channel", "solarwatt", new CookieOptions { Path = "/" });
        context.Response.Cookies.Append("session_id", sessions.OpenLoginSession(userName), new CookieOptions { Path = "/", HttpOnly = true });
        return JsonResponse.Of(new JsonObject { ["redirectUri"] = AuthorizeRequest(form["originalRequest"].ToString()) });
    }

    private static IResult Authorize(HttpContext context, PortalSessions sessions, EmulatorAddress address, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PortalEndpoints));
        var user = sessions.LoginSessionUser(context.Request.Cookies["session_id"]);
        if (user is null)
        {
            PortalLog.StepRefused(logger, "authorize", "missing, unknown or expired session_id cookie");
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "unauthorized", "No valid login session; log in first.");
        }

        var responseType = context.Request.Query["response_type"].ToString();
        if (responseType.Length > 0 && responseType != "code")
        {
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "unsupported_response_type", "Only response_type=code is supported.");
        }

        // redirect_uri is deliberately ignored: the grant is always answered on the emulator itself.
        var location = address.At("/rest/auth/auth_grant?code=" + Uri.EscapeDataString(sessions.IssueCode(user)));
        var state = context.Request.Query["state"].ToString();
        if (state.Length > 0)
        {
            location += "&state=" + Uri.EscapeDataString(state);
        }

        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status302Found);
    }

    /// <summary>The relative authorize request to send the browser to; only an <c>/authorize</c> path is honoured.</summary>
    private static string AuthorizeRequest(string originalRequest)
    {
        var request = originalRequest.Replace("&amp;", "&", StringComparison.Ordinal);
        return request.StartsWith("/authorize", StringComparison.Ordinal) ? request : DefaultAuthorizeRequest;
    }
}
