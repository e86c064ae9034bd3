using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The Manager's <c>kiwisessionid</c> sessions: an opaque random id per login that ends
/// <see cref="ManagerOptions.SessionLifetime"/> after it (our design; public clients renew after 900 s), whatever
/// happens in between.
/// </summary>
internal sealed class ManagerSessions(ManagerOptions options, TimeProvider clock)
{
    public const string CookieName = "kiwisessionid";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public string Open()
    {
        var now = clock.GetUtcNow();

        // Ended sessions are forgotten here too, so that a client logging in again and again holds no memory.
        foreach (var (ended, expiry) in _expiries)
        {
            if (expiry <= now)
            {
                _expiries.TryRemove(ended, out _);
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _expiries[id] = now + options.SessionLifetime;
        return id;
    }

    /// <summary>True when the id names a session that has not ended; an ended one is forgotten.</summary>
    public bool IsLive(string? id)
    {
        if (id is null || !_expiries.TryGetValue(id, out var expiry))
        {
            return false;
        }

        if (clock.GetUtcNow() < expiry)
        {
            return true;
        }

        _expiries.TryRemove(id, out _);
        return false;
    }
}
