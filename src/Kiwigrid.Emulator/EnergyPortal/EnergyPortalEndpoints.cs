using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;

namespace Kiwigrid.Emulator.EnergyPortal;

/// <summary>
/// The portal <c>new.energymanager.com</c> (PROTOCOL-2024.md, steps 3 and 4): the code grant, exchanged server-side
/// as a confidential client at the <c>solarwatt</c> realm's token endpoint, and <c>/context</c> with the access token.
/// The portal cannot check the login's <c>state</c> (the client made it); the realm holds the redirect URI to the
/// registered one and hands the state back unchanged.
/// </summary>
internal static class EnergyPortalEndpoints
{
    /// <summary>Paths only <see cref="HostRouting"/> sends requests to.</summary>
    public const string InternalPrefix = "/.energy-portal";

    public const string GrantPath = InternalPrefix + RealmClients.PortalCallbackPath;

    public static IEndpointRouteBuilder MapEnergyPortal(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(GrantPath, GrantAsync);
        routes.MapGet("/context", ContextAsync);
        routes.MapGet("/", () => Results.Content(
            "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>SOLARWATT Energy Manager</title></head>"
            + "<body><p>Kiwigrid emulator portal.</p></body></html>",
            "text/html; charset=utf-8"));
        return routes;
    }

    private static async Task<IResult> GrantAsync(
        HttpContext context, RealmTokenClient tokenClient, RealmClients clients, EnergyPortalSessions sessions, EmulatorAddress address, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(EnergyPortalEndpoints));
        var code = context.Request.Query["code"].ToString();
        if (code.Length == 0)
        {
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "invalid_request", "The grant needs a code; start the login again.");
        }

        var redirectUri = address.OriginOf(EmulatedHost.EnergyPortal).GetLeftPart(UriPartial.Authority) + RealmClients.PortalCallbackPath;
        var tokens = await tokenClient.ExchangeCodeAsync(
            TokenEndpoint(address), OneIdRealms.PortalClientId, clients.PortalSecret, code, redirectUri, context.RequestAborted).ConfigureAwait(false);
        if (tokens is null)
        {
            OneIdLog.StepRefused(logger, "portal auth_grant", "the realm refused the code");
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "invalid_grant", "The login code is unknown, used or expired; log in again.");
        }

        context.Response.Cookies.Append(EnergyPortalSessions.CookieName, sessions.Open(tokens), new CookieOptions { Path = "/", HttpOnly = true });
        context.Response.Headers.Location = address.OriginOf(EmulatedHost.EnergyPortal).GetLeftPart(UriPartial.Authority) + "/";
        return Results.StatusCode(StatusCodes.Status302Found);
    }

    /// <summary>[design] An expired access token is refreshed here with the session's refresh token; <c>expiresIn</c> is ours.</summary>
    private static async Task<IResult> ContextAsync(
        HttpContext context, RealmTokenClient tokenClient, RealmClients clients, EnergyPortalSessions sessions, EmulatorAddress address, EmulatorOptions options)
    {
        var id = context.Request.Cookies[EnergyPortalSessions.CookieName];
        if (sessions.Find(id) is not { } session)
        {
            return JsonResponse.Error(StatusCodes.Status401Unauthorized, "unauthorized", "No portal session; log in first.");
        }

        var now = options.TimeProvider.GetUtcNow();
        if (session.AccessTokenExpires <= now)
        {
            var refreshed = session.RefreshToken is { } refreshToken
                ? await tokenClient.RefreshAsync(TokenEndpoint(address), OneIdRealms.PortalClientId, clients.PortalSecret, refreshToken, context.RequestAborted).ConfigureAwait(false)
                : null;
            if (refreshed is null)
            {
                sessions.Close(id!);
                return JsonResponse.Error(StatusCodes.Status401Unauthorized, "unauthorized", "The portal session has ended; log in again.");
            }

            session = sessions.Renew(id!, refreshed);
        }

        return JsonResponse.Of(new JsonObject
        {
            ["oauth"] = new JsonObject
            {
                ["accessToken"] = session.AccessToken,
                ["expiresIn"] = (long)Math.Max(0, (session.AccessTokenExpires - now).TotalSeconds),
            },
        });
    }

    private static Uri TokenEndpoint(EmulatorAddress address) =>
        new(OneIdRealms.UrlOf(address.OriginOf(EmulatedHost.SolarwattAuth), OneIdRealms.Solarwatt) + "/protocol/openid-connect/token");
}
