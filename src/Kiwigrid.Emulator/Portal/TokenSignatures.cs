using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kiwigrid.Emulator.Portal;

/// <summary>
/// HMAC-SHA1 under the server secret, the accessToken's signature. Keyed HMAC instances are kept and reused: the
/// one-shot <c>HMACSHA1.HashData</c> sets up a new OpenSSL context on every call, which cost more than the SHA-1 itself
/// and showed as 8 % of the emulator's CPU time in the bus benchmark (bench/RESULTS.md).
/// </summary>
internal sealed class TokenSignatures(byte[] secret) : IDisposable
{
    public const int Length = 20;

    /// <summary>Idle keyed instances; at most one per thread that signs at the same time.</summary>
    private readonly ConcurrentBag<IncrementalHash> _idle = [];

    /// <summary>Writes the signature of <paramref name="data"/> into <paramref name="signature"/> (<see cref="Length"/> bytes).</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var hmac = _idle.TryTake(out var idle) ? idle : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, secret);
        hmac.AppendData(data);
        hmac.GetHashAndReset(signature);
        _idle.Add(hmac);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var hmac))
        {
            hmac.Dispose();
        }
    }
}
