using System.Diagnostics;

namespace Kiwigrid.Bench;

/// <summary>
/// Times one piece of decode work on this thread: a warm-up, then <c>rounds</c> rounds of one length, the median
/// kept; and the bytes it allocates per call (the work is synchronous, so this thread's allocation is all of it).
/// </summary>
internal static class DecodeMeasurement
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);

    /// <returns>Calls per second (median of the rounds) and bytes allocated per call.</returns>
    public static (double PerSecond, long AllocatedPerCall) Run<T>(Func<T> work, TimeSpan round, int rounds)
    {
        Loop(work, WarmUp);
        var rates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            rates.Add(Loop(work, round));
        }

        const int Counted = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Counted; i++)
        {
            GC.KeepAlive(work());
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / Counted;
        rates.Sort();
        return (rates[rates.Count / 2], allocated);
    }

    private static double Loop<T>(Func<T> work, TimeSpan length)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < length)
        {
            for (var i = 0; i < 8; i++)
            {
                GC.KeepAlive(work());
            }

            count += 8;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
