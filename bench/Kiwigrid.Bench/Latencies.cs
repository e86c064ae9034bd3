using System.Diagnostics;

namespace Kiwigrid.Bench;

/// <summary>Round-trip times in <see cref="Stopwatch"/> ticks; one instance per worker, merged at the end.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var all = new Latencies();
        foreach (var part in parts)
        {
            all._ticks.AddRange(part._ticks);
        }

        all._ticks.Sort();
        return all;
    }

    /// <summary>The <paramref name="percentile"/>th percentile (nearest rank) in milliseconds; call on a merged instance.</summary>
    public double Milliseconds(double percentile)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * _ticks.Count) - 1;
        return _ticks[Math.Clamp(rank, 0, _ticks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
