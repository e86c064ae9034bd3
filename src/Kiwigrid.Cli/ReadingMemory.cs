namespace Kiwigrid.Cli;

/// <summary>
/// Keeps the heap of a long-running command (watch, serve) near what it holds. Each reading's devices live one poll
/// interval: long enough to be promoted, so they die in the oldest generation, which the collector lets grow for a long
/// time on a machine with memory to spare. Measured on native watch polling every 5 s: its anonymous memory grew from
/// 11 to 27 MiB in ten minutes; with a full, compacting collection once the heap has grown by a reading's worth or so,
/// it stays at 11 MiB (ARCHITECTURE, "Resident memory of the native binary").
/// </summary>
internal static class ReadingMemory
{
    // About what reading a large site leaves behind (a reply's values, tags and devices): collecting sooner would cost
    // a collection per reading for nothing, later would let the heap grow by that much more.
    private const long Growth = 1024 * 1024;

    private static long _heldAfterCollection;

    /// <summary>
    /// After a reading: after the <paramref name="first"/>, gives back the pages only start-up read
    /// (<see cref="StartupPages"/>); after any, collects when the heap has grown by <see cref="Growth"/> since the last time.
    /// </summary>
    public static void AfterReading(bool first)
    {
        if (first)
        {
            StartupPages.Release();
        }

        if (GC.GetTotalMemory(forceFullCollection: false) - Interlocked.Read(ref _heldAfterCollection) < Growth)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Interlocked.Exchange(ref _heldAfterCollection, GC.GetTotalMemory(forceFullCollection: false));
    }
}
