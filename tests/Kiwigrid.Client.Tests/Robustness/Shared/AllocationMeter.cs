namespace Kiwigrid.Testing.Robustness;

/// <summary>Bytes the current thread allocates while running one parse, whatever it throws.</summary>
internal static class AllocationMeter
{
    public static long Measure(Action parse)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            parse();
        }
#pragma warning disable CA1031 // Only the allocation is measured here; the callers check the outcome separately.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>10 MB of a repeated pattern: the shape garbage takes when a peer floods us.</summary>
    public static byte[] Garbage(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> pattern, int size = 10 * 1024 * 1024)
    {
        var garbage = new byte[size];
        prefix.CopyTo(garbage);
        for (var at = prefix.Length; at < size; at += pattern.Length)
        {
            pattern[..Math.Min(pattern.Length, size - at)].CopyTo(garbage.AsSpan(at));
        }

        return garbage;
    }
}
