namespace Kiwigrid.Emulator.Simulation;

/// <summary>The settings a user can change while the home runs (through <c>mergeDevice</c> or the HEMS API).</summary>
/// <param name="MinimumStateOfCharge">The battery does not discharge below this state of charge, %.</param>
/// <param name="EvStationEnabled">False while the wallbox is switched off.</param>
/// <param name="EvFromSurplusOnly">The wallbox charges only from PV surplus (the HEMS mode <c>PV_EXCESS</c>).</param>
/// <param name="PlugEnabled">False while the smart plug's relay is off.</param>
/// <param name="PlugFromSurplusOnly">The plug runs only while the PV surplus covers it (<c>PV_EXCESS</c>).</param>
internal readonly record struct HomeSettings(
    double MinimumStateOfCharge,
    bool EvStationEnabled,
    bool EvFromSurplusOnly = false,
    bool PlugEnabled = true,
    bool PlugFromSurplusOnly = false);
