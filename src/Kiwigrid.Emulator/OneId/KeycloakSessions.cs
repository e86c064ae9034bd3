using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// Keycloak's browser state per realm: the authentication session (cookie <c>AUTH_SESSION_ID</c>) that remembers the
/// pending authorization request while the user logs in, and the single sign-on session (cookie
/// <c>KEYCLOAK_IDENTITY</c>) that lets a later authorization request through without a form. [design] Lifetimes:
/// 30 minutes for a login in progress, 10 hours for a sign-on session (Keycloak's defaults).
/// </summary>
internal sealed class KeycloakSessions(EmulatorOptions options)
{
    public const string AuthSessionCookie = "AUTH_SESSION_ID";
    public const string IdentityCookie = "KEYCLOAK_IDENTITY";

    private static readonly TimeSpan AuthSessionLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan IdentityLifetime = TimeSpan.FromHours(10);

    private readonly ConcurrentDictionary<string, AuthSession> _authSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Identity> _identities = new(StringComparer.Ordinal);

    /// <summary>Opens a login for a pending authorization request (its query string, with '?').</summary>
    public AuthSession OpenAuthSession(string realm, string authorizeQuery)
    {
        Prune();
        var session = new AuthSession(Secret(), realm, authorizeQuery, options.TimeProvider.GetUtcNow() + AuthSessionLifetime)
        {
            TabId = Secret()[..11],
            SessionCode = Secret(),
        };
        _authSessions[session.Id] = session;
        return session;
    }

    public AuthSession? AuthSessionOf(HttpRequest request, string realm) =>
        request.Cookies[AuthSessionCookie] is { } id && _authSessions.TryGetValue(id, out var session)
        && session.Realm == realm && session.Expires > options.TimeProvider.GetUtcNow() ? session : null;

    public void CloseAuthSession(AuthSession session) => _authSessions.TryRemove(session.Id, out _);

    public string OpenIdentity(string realm, string userName)
    {
        Prune();
        var id = Secret();
        _identities[id] = new Identity(realm, userName, options.TimeProvider.GetUtcNow() + IdentityLifetime);
        return id;
    }

    /// <summary>The signed-on user of the realm, or null.</summary>
    public string? UserOf(HttpRequest request, string realm) =>
        request.Cookies[IdentityCookie] is { } id && _identities.TryGetValue(id, out var identity)
        && identity.Realm == realm && identity.Expires > options.TimeProvider.GetUtcNow() ? identity.UserName : null;

    /// <summary>Cookies scoped to the realm on the auth host, as Keycloak scopes them.</summary>
    public static CookieOptions CookieOptionsFor(string realm) => new() { Path = OneIdRealms.PathOf(realm) + "/", HttpOnly = true };

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private void Prune()
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var (id, session) in _authSessions)
        {
            if (session.Expires <= now)
            {
                _authSessions.TryRemove(id, out _);
            }
        }

        foreach (var (id, identity) in _identities)
        {
            if (identity.Expires <= now)
            {
                _identities.TryRemove(id, out _);
            }
        }
    }

    private sealed record Identity(string Realm, string UserName, DateTimeOffset Expires);
}

/// <summary>A login in progress: the authorization request to resume, the form's codes, the broker hop's state.</summary>
internal sealed record AuthSession(string Id, string Realm, string AuthorizeQuery, DateTimeOffset Expires)
{
    public required string TabId { get; init; }

    /// <summary>Keycloak renews it with every rendered form; only the latest form may be posted.</summary>
    public required string SessionCode { get; set; }

    public string? BrokerState { get; set; }

    public string? BrokerNonce { get; set; }
}
