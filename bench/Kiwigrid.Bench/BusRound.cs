namespace Kiwigrid.Bench;

/// <summary>
/// One measured round of the bus benchmark against one server: round trips per second, latency percentiles, and the
/// CPU time the server process used per round trip (user + system, in microseconds).
/// </summary>
internal sealed record BusRound(double PerSecond, double P50, double P99, double ServerCpuMicros);
