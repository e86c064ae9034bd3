using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// Checks the HEMS API's bearer tokens as the real API checks Keycloak's: an RS256 JWT signed with the realm's key
/// (<see cref="OneIdSigningKey"/>), within its lifetime on the emulator's clock (no clock skew: the emulator's
/// clocks agree), issued to the portal's client <c>energy-monitor-home</c> (<c>azp</c>, or OpenIddict's
/// <c>client_id</c>). Issuer and audience are not checked (our design: the emulated realm's issuer is its origin,
/// which the API need not know).
/// </summary>
internal sealed class HemsBearerTokens
{
    /// <summary>The OAuth client the SOLARWATT portal logs in as; the HEMS API serves its tokens.</summary>
    public const string PortalClientId = "energy-monitor-home";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;

    public HemsBearerTokens(OneIdSigningKey key, EmulatorOptions options)
    {
        var clock = options.TimeProvider;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now < end && (notBefore is not { } start || start <= now);
            },
        };
    }

    /// <summary>The user the token names (<c>preferred_username</c>, else <c>sub</c>), or null when it is not valid.</summary>
    public async Task<string?> UserAsync(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(authorization[Scheme.Length..].Trim(), _parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }

        var client = Claim(token, "azp") ?? Claim(token, "client_id");
        if (!string.Equals(client, PortalClientId, StringComparison.Ordinal))
        {
            return null;
        }

        return Claim(token, "preferred_username") ?? Claim(token, "sub");
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
