namespace Kiwigrid.Client.Local;

/// <summary>What answers at a LAN address (<see cref="LanDeviceProbe"/>).</summary>
public enum LanDeviceKind
{
    /// <summary>A classic SOLARWATT Energy Manager: its device list needs no login (<see cref="Sources.LocalEnergyManagerSource"/>).</summary>
    EnergyManager,

    /// <summary>A SOLARWATT Manager flex or rail: it needs the gateway's user and password (<see cref="Manager.ManagerSiteSource"/>).</summary>
    Manager,
}
