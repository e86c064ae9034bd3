using System.Security.Cryptography;

namespace Kiwigrid.Bench;

/// <summary>
/// The emulator's accessToken secret, shared with the bus benchmark's peer bridges so that they can check the
/// emulator's tokens with the same HMAC; fresh for each benchmark run, handed to the emulator child process in
/// <see cref="EnvironmentVariable"/> (hex) and to the peers on their command line.
/// </summary>
internal static class BusTokenSecret
{
    public const string EnvironmentVariable = "KIWIGRID_BENCH_TOKEN_SECRET";

    public static string Hex { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The secret the emulator child process was given, or empty (the emulator then picks its own).</summary>
    public static ReadOnlyMemory<byte> FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } hex ? Convert.FromHexString(hex) : default;
}
