using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// Makes authorization codes one-time. OpenIddict without a token store (its degraded mode) cannot tell a code it
/// already redeemed, so every presented code is remembered (as a hash) until it would have expired anyway; a second
/// exchange is refused, as Keycloak refuses it.
/// </summary>
internal sealed class CodeRedemptions(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    /// <summary>True the first time a code is presented, false every later time.</summary>
    public bool TryRedeem(string code)
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var (key, forgetAt) in _redeemed)
        {
            if (forgetAt <= now)
            {
                _redeemed.TryRemove(key, out _);
            }
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
        return _redeemed.TryAdd(hash, now + options.AuthorizationCodeLifetime);
    }
}
