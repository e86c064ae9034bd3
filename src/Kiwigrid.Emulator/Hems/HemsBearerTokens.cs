using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// Checks the HEMS API's bearer tokens as the real API checks Keycloak's: an RS256 JWT signed with the realm's key
/// (<see cref="OneIdSigningKey"/>), within its lifetime on the emulator's clock (no clock skew: the emulator's
/// clocks agree), issued by the <c>solarwatt</c> realm (<c>iss</c>, on either origin the realm answers on: a token of the
/// <c>oneid</c> realm is signed with the same key but is not the portal's) to the portal's client
/// <c>energy-monitor-home</c> (<c>azp</c>, as Keycloak names the client a token was issued to). The audience is not
/// checked (Keycloak's access tokens name <c>account</c>, not the API).
/// </summary>
internal sealed class HemsBearerTokens
{
    /// <summary>The OAuth client the SOLARWATT portal logs in as; the HEMS API serves its tokens.</summary>
    public const string PortalClientId = "energy-monitor-home";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly EmulatorAddress _address;

    public HemsBearerTokens(OneIdSigningKey key, EmulatorOptions options, EmulatorAddress address)
    {
        _address = address;
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

        // The issuers are known only once Kestrel has bound the origins, so they are asked for here, not at start.
        if (!string.Equals(Claim(token, "azp"), PortalClientId, StringComparison.Ordinal)
            || !OneIdRealms.IssuersOf(_address, OneIdRealms.Solarwatt).Contains(token.Issuer, StringComparer.Ordinal))
        {
            return null;
        }

        return Claim(token, "preferred_username") ?? Claim(token, "sub");
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
