using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// The rounds of one server at one number in flight, summarised: median and best throughput with the spread
/// (slowest–fastest round), the median p50/p99 of the rounds with their spread, and the median server CPU time per
/// round trip.
/// </summary>
internal sealed record BusRoundSummary(double Median, double Best, double Slowest, double P50, double P50Low, double P50High, double P99, double P99Low, double P99High, double CpuMicros)
{
    public static BusRoundSummary Of(IReadOnlyList<BusRound> rounds)
    {
        var perSecond = rounds.Select(r => r.PerSecond).Order().ToList();
        var p50 = rounds.Select(r => r.P50).Order().ToList();
        var p99 = rounds.Select(r => r.P99).Order().ToList();
        var cpu = rounds.Select(r => r.ServerCpuMicros).Order().ToList();
        return new BusRoundSummary(MedianOf(perSecond), perSecond[^1], perSecond[0], MedianOf(p50), p50[0], p50[^1], MedianOf(p99), p99[0], p99[^1], MedianOf(cpu));
    }

    public string Throughput => string.Create(CultureInfo.InvariantCulture, $"{Median:N0} | {Best:N0} | {Slowest:N0}–{Best:N0}");

    public string Latency => string.Create(CultureInfo.InvariantCulture, $"{P50:0.000} ({P50Low:0.000}–{P50High:0.000}) | {P99:0.000} ({P99Low:0.000}–{P99High:0.000})");

    private static double MedianOf(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
