using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Portal;

/// <summary>
/// The secrets handed out along the login: the login server's <c>session_id</c> cookie, the one-time
/// authorization code, and the desktop's <c>webcore_sid</c> cookie. Each is random, expires on the emulator's
/// clock ([design] lifetimes below), and is looked up by exact value.
/// </summary>
internal sealed class PortalSessions(EmulatorOptions options)
{
    /// <summary>[design] Authorization codes are short-lived, as OAuth recommends.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>[design] Login and desktop sessions outlive a working day.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, Grant> _loginSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _desktopSessions = new(StringComparer.Ordinal);

    public string OpenLoginSession(string userId) => Add(_loginSessions, userId, SessionLifetime);

    public string? LoginSessionUser(string? sessionId) => Find(_loginSessions, sessionId, remove: false)?.UserId;

    public string IssueCode(string userId) => Add(_codes, userId, CodeLifetime);

    /// <summary>Redeems a code: it works once, and only before it expires.</summary>
    public string? RedeemCode(string? code) => Find(_codes, code, remove: true)?.UserId;

    public string OpenDesktopSession(string userId) => Add(_desktopSessions, userId, SessionLifetime);

    /// <summary>The desktop session's user and its id (the token's <c>session_id</c>), or null.</summary>
    public (string UserId, string SessionUuid)? DesktopSession(string? webcoreSid) =>
        Find(_desktopSessions, webcoreSid, remove: false) is { } grant ? (grant.UserId, grant.Uuid) : null;

    private string Add(ConcurrentDictionary<string, Grant> store, string userId, TimeSpan lifetime)
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var (key, stale) in store)
        {
            if (stale.Expires <= now)
            {
                store.TryRemove(key, out _);
            }
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        store[secret] = new Grant(userId, now + lifetime, Guid.NewGuid().ToString());
        return secret;
    }

    private Grant? Find(ConcurrentDictionary<string, Grant> store, string? secret, bool remove)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        Grant? grant;
        var found = remove ? store.TryRemove(secret, out grant) : store.TryGetValue(secret, out grant);
        return found && grant!.Expires > options.TimeProvider.GetUtcNow() ? grant : null;
    }

    private sealed record Grant(string UserId, DateTimeOffset Expires, string Uuid);
}
