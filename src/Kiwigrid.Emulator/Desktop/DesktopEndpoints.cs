using System.Text;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Portal;

namespace Kiwigrid.Emulator.Desktop;

/// <summary>The desktop web app (PROTOCOL.md §2, steps 3 and 4): the code grant, the start page and <c>context.js</c>.</summary>
internal static class DesktopEndpoints
{
    public static IEndpointRouteBuilder MapDesktop(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rest/auth/auth_grant", Grant);
        routes.MapGet("/index.html", () => Results.Content(
            "<!DOCTYPE html><html><head><title>Energy Manager</title><script src=\"/js/context.js\"></script></head>"
            + "<body><p>Kiwigrid emulator desktop.</p></body></html>",
            "text/html; charset=utf-8"));
        routes.MapGet("/js/context.js", Context);
        return routes;
    }

    private static IResult Grant(HttpContext context, PortalSessions sessions, EmulatorAddress address, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DesktopEndpoints));
        var code = context.Request.Query["code"].ToString();
        if (code.Length == 0)
        {
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "invalid_request", "The grant needs a code.");
        }

        var user = sessions.RedeemCode(code);
        if (user is null)
        {
            PortalLog.StepRefused(logger, "auth_grant", "unknown, used or expired code");
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "invalid_grant", "The code is unknown, used or expired.");
        }

        PortalLog.DesktopSessionOpened(logger, user);
        context.Response.Cookies.Append("webcore_sid", sessions.OpenDesktopSession(user), new CookieOptions { Path = "/", HttpOnly = true });
        context.Response.Headers.Location = address.At("/index.html");
        return Results.StatusCode(StatusCodes.Status307TemporaryRedirect);
    }

    private static IResult Context(HttpContext context, PortalSessions sessions, AccessTokens tokens, EmulatorAddress address, ILoggerFactory loggers)
    {
        var session = sessions.DesktopSession(context.Request.Cookies["webcore_sid"]);
        if (session is not { } desktop)
        {
            var logger = loggers.CreateLogger(typeof(DesktopEndpoints));
            PortalLog.StepRefused(logger, "context.js", "missing, unknown or expired webcore_sid cookie");
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "unauthorized", "No valid desktop session; log in first.");
        }

        // A fresh token per page load: a long desktop session keeps handing out valid tokens.
        var token = tokens.Issue(desktop.UserId, desktop.SessionUuid);
        var script = new StringBuilder()
            .Append("var kiwigrid = kiwigrid || {};\n")
            .Append("kiwigrid.context = {\n")
            .Append("    channel: 'solarwatt',\n")
            .Append("    clientId: 'kiwigrid.desktop',\n")
            .Append("    userId: '").Append(JavaScriptString(desktop.UserId)).Append("',\n")
            .Append("    accessToken: '").Append(token).Append("',\n")
            .Append("    eventBusUrl: '").Append(address.At("/kiwibus")).Append("',\n")
            .Append("    locale: 'de_DE',\n")
            .Append("    timezone: 'Europe/Berlin'\n")
            .Append("};\n");
        return Results.Text(script.ToString(), "application/javascript; charset=utf-8");
    }

    private static string JavaScriptString(string value) =>
        System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(value);
}
