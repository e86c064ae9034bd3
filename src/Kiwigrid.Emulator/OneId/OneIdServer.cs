using System.Security.Cryptography;
using Kiwigrid.Emulator.Hosting;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The OpenID Connect server behind both realms: OpenIddict's ASP.NET Core server in degraded mode (no database),
/// with our own checks of clients, redirect URIs and secrets, and one-time codes. Endpoint paths are relative to the
/// realm's path base (<see cref="RealmRouting"/>), so each realm is its own issuer.
/// </summary>
internal static class OneIdServer
{
    /// <summary>The scopes the realms grant; the portal asks for the first four.</summary>
    public static readonly string[] GrantedScopes = [Scopes.OpenId, "kiwi-cloud-token-claims", Scopes.Email, Scopes.Profile, Scopes.OfflineAccess];

    public static IServiceCollection AddOneIdServer(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton<OneIdSigningKey>();
        services.AddSingleton<RealmClients>();
        services.AddSingleton<CodeRedemptions>();
        services.AddSingleton<KeycloakSessions>();
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("protocol/openid-connect/auth")
                .SetTokenEndpointUris("protocol/openid-connect/token")
                .SetJsonWebKeySetEndpointUris("protocol/openid-connect/certs")
                .SetUserInfoEndpointUris("protocol/openid-connect/userinfo")
                .SetConfigurationEndpointUris(".well-known/openid-configuration")
                .AllowAuthorizationCodeFlow()
                .AllowRefreshTokenFlow()
                .RegisterScopes(GrantedScopes)
                .SetAccessTokenLifetime(options.AccessTokenLifetime)
                .SetAuthorizationCodeLifetime(options.AuthorizationCodeLifetime)
                .EnableDegradedMode()
                .DisableAccessTokenEncryption()
                // Codes and refresh tokens are encrypted with a symmetric key: an ephemeral RSA key would cost each
                // emulator start a key generation.
                .AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(ValidateAuthorizationRequest));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(ValidateTokenRequest));
            server.AddEventHandler<ValidateUserInfoRequestContext>(handler => handler.UseInlineHandler(_ => default));
        });

        // The HEMS API checks tokens against this key, so the realms sign with it rather than a key of OpenIddict's.
        services.AddOptions<OpenIddictServerOptions>().Configure<OneIdSigningKey>((server, key) =>
        {
            server.SigningCredentials.Add(new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256));
            server.TimeProvider = options.TimeProvider;
        });
        return services;
    }

    private static ValueTask ValidateAuthorizationRequest(ValidateAuthorizationRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest()!;
        var clients = request.HttpContext.RequestServices.GetRequiredService<RealmClients>();
        if (OneIdRealms.RealmOf(request) is not { } realm || !RealmClients.Knows(realm, context.ClientId))
        {
            context.Reject(Errors.InvalidClient, "The client is not known to this realm.");
        }
        else if (!clients.AcceptsRedirect(realm, context.RedirectUri))
        {
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
        }

        return default;
    }

    private static ValueTask ValidateTokenRequest(ValidateTokenRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest()!;
        var services = request.HttpContext.RequestServices;
        if (OneIdRealms.RealmOf(request) is not { } realm
            || !services.GetRequiredService<RealmClients>().Authenticates(realm, context.ClientId, context.Request.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "The client id or secret is wrong.");
        }
        else if (context.Request.IsAuthorizationCodeGrantType()
            && !services.GetRequiredService<CodeRedemptions>().TryRedeem(context.Request.Code ?? string.Empty))
        {
            context.Reject(Errors.InvalidGrant, "The code has already been used.");
        }

        return default;
    }
}
