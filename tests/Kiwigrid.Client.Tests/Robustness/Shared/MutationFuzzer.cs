using System.Globalization;
using System.Text;

namespace Kiwigrid.Testing.Robustness;

/// <summary>
/// A small, deterministic mutation fuzzer: bit flips, interesting bytes, truncations, splices and inserted escapes
/// applied to corpus entries, each result fed to a parser that may only throw the exception types it documents.
/// <c>KIWIGRID_FUZZ_ITERATIONS</c> and <c>KIWIGRID_FUZZ_SEED</c> turn it into a longer session (tests/corpus/README.md).
/// </summary>
internal static class MutationFuzzer
{
    private const int DefaultIterations = 3000;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x1f, 0x20, 0x22, 0x27, 0x2c, 0x3a, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f, 0x80, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff, (byte)'a', (byte)'c', (byte)'h', (byte)'o'];

    private static readonly byte[][] InterestingTokens =
    [
        "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), "\\u2028"u8.ToArray(), "\\\""u8.ToArray(), "\\\\"u8.ToArray(),
        "\\u0000"u8.ToArray(), "\u2028"u8.ToArray(), "\ufeff"u8.ToArray(), "1e400"u8.ToArray(), "-0"u8.ToArray(),
        "null"u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "\"$and\":"u8.ToArray(), "\"$in\":"u8.ToArray(),
        "accessToken: '"u8.ToArray(), "\r\n"u8.ToArray(), [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xc0, 0xaf],
    ];

    public static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("KIWIGRID_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : DefaultIterations;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("KIWIGRID_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
        ? s
        : 20240621;

    /// <summary>
    /// Mutates corpus entries <see cref="Iterations"/> times and runs <paramref name="parse"/> on each result.
    /// Throws, naming the seed, the iteration and a file holding the input, on the first exception that is not
    /// <paramref name="allowed"/>.
    /// </summary>
    public static void Run(string target, Action<byte[]> parse, params Type[] allowed)
    {
        var corpus = FuzzCorpus.Load(target).Select(entry => entry.Input).ToArray();
        var random = new Random(Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, corpus);
            Replay(target, $"seed {Seed}, iteration {i}", input, parse, allowed);
        }
    }

    /// <summary>Runs <paramref name="parse"/> once; an exception outside <paramref name="allowed"/> fails with the input saved.</summary>
    public static void Replay(string target, string label, byte[] input, Action<byte[]> parse, params Type[] allowed)
    {
        try
        {
            parse(input);
        }
        catch (Exception e) when (!allowed.Contains(e.GetType()))
        {
            var saved = Path.Combine(Path.GetTempPath(), $"kiwigrid-fuzz-{target}-{Guid.NewGuid():N}.bin");
            File.WriteAllBytes(saved, input);
            var preview = Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 200));
            throw new InvalidOperationException(
                $"{target} ({label}) threw {e.GetType().Name}: {e.Message}\nInput ({input.Length} bytes) saved to {saved}; starts: {preview}", e);
        }
    }

    private static byte[] Mutate(Random random, byte[][] corpus)
    {
        var input = corpus[random.Next(corpus.Length)];
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            input = MutateOnce(random, input, corpus);
        }

        return input;
    }

    private static byte[] MutateOnce(Random random, byte[] input, byte[][] corpus)
    {
        if (input.Length == 0)
        {
            return [InterestingBytes[random.Next(InterestingBytes.Length)]];
        }

        var at = random.Next(input.Length);
        switch (random.Next(7))
        {
            case 0:
                var flipped = (byte[])input.Clone();
                flipped[at] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1:
                var replaced = (byte[])input.Clone();
                replaced[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                return replaced;
            case 2:
                return input[..at];
            case 3:
                return input[at..];
            case 4:
                var other = corpus[random.Next(corpus.Length)];
                return [.. input[..at], .. other[random.Next(other.Length + 1)..]];
            case 5:
                return [.. input[..at], .. InterestingTokens[random.Next(InterestingTokens.Length)], .. input[at..]];
            default:
                // Repeat a slice: deeper nesting, longer strings, duplicated keys.
                var length = Math.Min(random.Next(1, 64), input.Length - at);
                return [.. input[..(at + length)], .. input[at..]];
        }
    }
}
