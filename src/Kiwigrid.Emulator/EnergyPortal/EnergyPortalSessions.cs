using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;

namespace Kiwigrid.Emulator.EnergyPortal;

/// <summary>
/// The portal's sessions (cookie <see cref="CookieName"/>, [design]: the real name is not public): the realm's
/// tokens per browser, kept on the server; the browser only ever holds the session id.
/// </summary>
internal sealed class EnergyPortalSessions(EmulatorOptions options)
{
    public const string CookieName = "SESSION";

    private readonly ConcurrentDictionary<string, PortalSession> _sessions = new(StringComparer.Ordinal);

    public string Open(RealmTokens tokens)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _sessions[id] = Session(tokens);
        return id;
    }

    public PortalSession? Find(string? id) => id is not null && _sessions.TryGetValue(id, out var session) ? session : null;

    public PortalSession Renew(string id, RealmTokens tokens) => _sessions[id] = Session(tokens);

    public void Close(string id) => _sessions.TryRemove(id, out _);

    private PortalSession Session(RealmTokens tokens) =>
        new(tokens.AccessToken, tokens.RefreshToken, options.TimeProvider.GetUtcNow() + tokens.ExpiresIn);
}

/// <summary>A browser's tokens at the portal.</summary>
internal sealed record PortalSession(string AccessToken, string? RefreshToken, DateTimeOffset AccessTokenExpires);
