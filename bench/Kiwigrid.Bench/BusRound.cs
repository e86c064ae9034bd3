namespace Kiwigrid.Bench;

/// <summary>One measured round of the bus benchmark against one server: round trips per second and latency percentiles.</summary>
internal sealed record BusRound(double PerSecond, double P50, double P99);
