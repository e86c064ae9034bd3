using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Portal;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The realms' pages around OpenIddict's protocol endpoints (paths below <c>/auth/realms/{realm}</c>): the
/// authorization endpoint's decision, the OneID login form, and the <c>solarwatt</c> realm's broker hop to OneID.
/// </summary>
internal static class OneIdEndpoints
{
    private const string BrokerLoginPath = "/broker/" + OneIdRealms.ProviderAlias + "/login";

    public static IEndpointRouteBuilder MapOneId(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/protocol/openid-connect/auth", ["GET", "POST"], Authorize);
        routes.MapPost("/login-actions/authenticate", AuthenticateAsync);
        routes.MapGet(BrokerLoginPath, BrokerLogin);
        routes.MapGet(RealmClients.BrokerCallbackPath, BrokerEndpointAsync);
        routes.MapMethods("/protocol/openid-connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync);
        return routes;
    }

    /// <summary>A signed-on user gets a code at once; anybody else logs in first (OneID: the form; solarwatt: the broker).</summary>
    private static IResult Authorize(HttpContext context, KeycloakSessions sessions, EmulatorAddress address)
    {
        var request = context.Request;
        if (OneIdRealms.RealmOf(request) is not { } realm || context.GetOpenIddictServerRequest() is not { } oidc)
        {
            return Results.NotFound();
        }

        if (sessions.UserOf(request, realm) is { } user)
        {
            return SignIn(user, oidc);
        }

        var session = sessions.OpenAuthSession(realm, request.QueryString.Value ?? string.Empty);
        context.Response.Cookies.Append(KeycloakSessions.AuthSessionCookie, session.Id, KeycloakSessions.CookieOptionsFor(realm));
        if (realm == OneIdRealms.OneId)
        {
            return KeycloakLoginPage.Render(RealmUrl(address, realm), session, oidc.ClientId ?? string.Empty);
        }

        // [design] The solarwatt realm has no passwords of its own: every login goes through the OneID broker,
        // whether or not kc_idp_hint names it.
        return Redirect(context, $"{RealmUrl(address, realm)}{BrokerLoginPath}?client_id={Uri.EscapeDataString(oidc.ClientId ?? string.Empty)}"
            + $"&tab_id={session.TabId}&session_code={session.SessionCode}");
    }

    private static IResult BrokerLogin(HttpContext context, KeycloakSessions sessions, EmulatorAddress address)
    {
        if (OneIdRealms.RealmOf(context.Request) != OneIdRealms.Solarwatt
            || sessions.AuthSessionOf(context.Request, OneIdRealms.Solarwatt) is not { } session)
        {
            return SessionExpired();
        }

        session.BrokerState = Secret();
        session.BrokerNonce = Secret();
        var oneId = RealmUrl(address, OneIdRealms.OneId);
        return Redirect(context, $"{oneId}/protocol/openid-connect/auth?client_id={OneIdRealms.BrokerClientId}"
            + $"&redirect_uri={Uri.EscapeDataString(BrokerCallback(address))}&response_type=code"
            + $"&scope={Uri.EscapeDataString("openid email profile")}&state={session.BrokerState}&nonce={session.BrokerNonce}");
    }

    private static async Task<IResult> AuthenticateAsync(
        HttpContext context, KeycloakSessions sessions, PortalAccounts accounts, LoginThrottle throttle, EmulatorAddress address, ILoggerFactory loggers)
    {
        var request = context.Request;
        var logger = loggers.CreateLogger(typeof(OneIdEndpoints));
        if (OneIdRealms.RealmOf(request) != OneIdRealms.OneId
            || sessions.AuthSessionOf(request, OneIdRealms.OneId) is not { } session
            || request.Query["session_code"] != session.SessionCode
            || !request.HasFormContentType)
        {
            OneIdLog.StepRefused(logger, "authenticate", "no login in progress, or an outdated form");
            return SessionExpired();
        }

        var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var userName = form["username"].ToString();
        var password = form["password"].ToString();
        var realmUrl = RealmUrl(address, OneIdRealms.OneId);
        var clientId = request.Query["client_id"].ToString();
        if (throttle.IsThrottled(userName, out var retryAfter))
        {
            OneIdLog.LoginThrottled(logger, OneIdRealms.OneId, userName, retryAfter);
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            session.SessionCode = Secret();
            return KeycloakLoginPage.Render(realmUrl, session, clientId, TooManyFailures, userName, StatusCodes.Status429TooManyRequests);
        }

        if (userName.Length == 0 || !accounts.Verify(userName, password))
        {
            throttle.RecordFailure(userName);
            OneIdLog.LoginFailed(logger, OneIdRealms.OneId, userName);
            session.SessionCode = Secret();
            return KeycloakLoginPage.Render(realmUrl, session, clientId, KeycloakLoginPage.InvalidCredentials, userName);
        }

        throttle.RecordSuccess(userName);
        OneIdLog.LoginSucceeded(logger, OneIdRealms.OneId, userName);
        SignOn(context, sessions, session, userName);
        return Redirect(context, $"{realmUrl}/protocol/openid-connect/auth{session.AuthorizeQuery}");
    }

    /// <summary>OneID answers the broker: exchange its code at OneID's token endpoint, check the id_token, sign on.</summary>
    private static async Task<IResult> BrokerEndpointAsync(
        HttpContext context, KeycloakSessions sessions, RealmClients clients, RealmTokenClient tokenClient, OneIdSigningKey key,
        EmulatorAddress address, ILoggerFactory loggers)
    {
        var request = context.Request;
        var logger = loggers.CreateLogger(typeof(OneIdEndpoints));
        var state = request.Query["state"].ToString();
        if (OneIdRealms.RealmOf(request) != OneIdRealms.Solarwatt
            || sessions.AuthSessionOf(request, OneIdRealms.Solarwatt) is not { BrokerState: not null } session
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state), Encoding.ASCII.GetBytes(session.BrokerState)))
        {
            OneIdLog.StepRefused(logger, "broker endpoint", "unknown login or state");
            return SessionExpired();
        }

        var oneIdUrl = RealmUrl(address, OneIdRealms.OneId);
        var tokens = await tokenClient.ExchangeCodeAsync(
            new Uri(oneIdUrl + "/protocol/openid-connect/token"), OneIdRealms.BrokerClientId, clients.BrokerSecret,
            request.Query["code"].ToString(), BrokerCallback(address), context.RequestAborted).ConfigureAwait(false);
        var validation = tokens?.IdToken is { } idToken
            ? await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                IssuerSigningKey = key.Key,
                ValidIssuer = oneIdUrl,
                ValidAudience = OneIdRealms.BrokerClientId,

                // Fresh from the back channel; the emulator's clock may be a test's fake one.
                ValidateLifetime = false,
            }).ConfigureAwait(false)
            : null;
        if (validation is not { IsValid: true }
            || !validation.Claims.TryGetValue(Claims.Nonce, out var nonce) || nonce as string != session.BrokerNonce
            || !validation.Claims.TryGetValue(Claims.PreferredUsername, out var preferredUserName) || preferredUserName is not string userName)
        {
            OneIdLog.StepRefused(logger, "broker endpoint", "OneID's code or id_token was refused");
            return SessionExpired();
        }

        SignOn(context, sessions, session, userName);
        return Redirect(context, $"{RealmUrl(address, OneIdRealms.Solarwatt)}/protocol/openid-connect/auth{session.AuthorizeQuery}");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (result.Principal is not { } principal)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return JsonResponse.Of(new System.Text.Json.Nodes.JsonObject
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.PreferredUsername] = principal.GetClaim(Claims.PreferredUsername),
            [Claims.Email] = principal.GetClaim(Claims.Email),
        });
    }

    private const string TooManyFailures = "Too many failed logins; try again later.";

    private static IResult SignIn(string userName, OpenIddictRequest oidc)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.PreferredUsername, Claims.Role);
        identity.SetClaim(Claims.Subject, SubjectOf(userName))
            .SetClaim(Claims.PreferredUsername, userName)
            .SetClaim(Claims.Email, userName)
            .SetClaim(Claims.AuthorizedParty, oidc.ClientId);
        identity.SetScopes([.. oidc.GetScopes().Union([Scopes.OfflineAccess], StringComparer.Ordinal)]);

        // Keycloak's default audience for a realm's own tokens.
        identity.SetAudiences("account");
        identity.SetDestinations(claim => claim.Type == Claims.AuthorizedParty
            ? [Destinations.AccessToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A stable UUID per user name, as Keycloak's <c>sub</c> is a UUID.</summary>
    private static string SubjectOf(string userName) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(userName.ToUpperInvariant()))[..16]).ToString();

    private static void SignOn(HttpContext context, KeycloakSessions sessions, AuthSession session, string userName)
    {
        var cookieOptions = KeycloakSessions.CookieOptionsFor(session.Realm);
        context.Response.Cookies.Append(KeycloakSessions.IdentityCookie, sessions.OpenIdentity(session.Realm, userName), cookieOptions);
        context.Response.Cookies.Delete(KeycloakSessions.AuthSessionCookie, cookieOptions);
        sessions.CloseAuthSession(session);
    }

    private static string RealmUrl(EmulatorAddress address, string realm) =>
        OneIdRealms.UrlOf(address.OriginOf(realm == OneIdRealms.OneId ? EmulatedHost.OneId : EmulatedHost.SolarwattAuth), realm);

    private static string BrokerCallback(EmulatorAddress address) => RealmUrl(address, OneIdRealms.Solarwatt) + RealmClients.BrokerCallbackPath;

    private static IResult Redirect(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status302Found);
    }

    /// <summary>Keycloak's answer to a step without its login: the login has to start again.</summary>
    private static IResult SessionExpired() =>
        Results.Content(
            "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>SOLARWATT OneID</title></head><body>"
            + "<p id=\"kc-page-title\">Page has expired. Start the login again.</p></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
