namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// Deterministic randomness keyed by seed, stream and index, so any moment can be evaluated on its own and the same
/// seed always gives the same home. Streams keep unrelated quantities (clouds, kettles, cars) independent.
/// </summary>
internal static class SeededNoise
{
    /// <summary>A uniform value in [0, 1) for this seed, stream and index.</summary>
    public static double Uniform(int seed, int stream, long index)
    {
        // SplitMix64 finaliser over the combined key: cheap and well mixed.
        var z = unchecked((ulong)index * 0x9E3779B97F4A7C15UL + ((ulong)(uint)seed << 32) + (ulong)(uint)stream * 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Smooth value noise in [0, 1]: uniform values at integer <paramref name="x"/>, eased in between.</summary>
    public static double Smooth(int seed, int stream, double x)
    {
        var cell = Math.Floor(x);
        var t = x - cell;
        var eased = t * t * (3 - (2 * t));
        var a = Uniform(seed, stream, (long)cell);
        var b = Uniform(seed, stream, (long)cell + 1);
        return a + ((b - a) * eased);
    }
}
