using System.Diagnostics;

namespace Kiwigrid.Bench;

/// <summary>
/// Times one piece of decode work on this thread against the same work in Node.js: a warm-up, then <c>rounds</c>
/// rounds of one length on each side, the medians kept; and the bytes the client's work allocates per call (the work is
/// synchronous, so this thread's allocation is all of it).
/// </summary>
internal static class DecodeMeasurement
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The client's rounds and Node's rounds in turns (client, Node, client, …), so that a burst of other load on the
    /// machine falls on both sides alike; Node has warmed up when it started.
    /// </summary>
    /// <returns>The client's and Node's calls per second (the median of each side's rounds) and the client's bytes
    /// allocated per call.</returns>
    public static async Task<(double Client, double Node, long AllocatedPerCall)> RunAsync<T>(Func<T> work, NodeRounds node, TimeSpan round, int rounds)
    {
        Loop(work, WarmUp);
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            ours.Add(Loop(work, round));
            theirs.Add(await node.RoundAsync(round));
        }

        const int Counted = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Counted; i++)
        {
            GC.KeepAlive(work());
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / Counted;
        return (Median(ours), Median(theirs), allocated);
    }

    private static double Median(List<double> rates)
    {
        rates.Sort();
        return rates[rates.Count / 2];
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
