namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The command line's simulation settings, for the simulated home's factory to use; unset values leave the
/// simulation's own defaults.
/// </summary>
internal sealed record SimulationSettings(int? Seed = null, DateTimeOffset? Start = null, double? Speed = null, string? Site = null);
