namespace Kiwigrid.Emulator.Simulation;

/// <summary>The settings a user can change while the home runs (through <c>mergeDevice</c>).</summary>
/// <param name="MinimumStateOfCharge">The battery does not discharge below this state of charge, %.</param>
/// <param name="EvStationEnabled">False while the wallbox is switched off.</param>
internal readonly record struct HomeSettings(double MinimumStateOfCharge, bool EvStationEnabled);
