namespace Kiwigrid.Client.Devices;

/// <summary>What a device is, decided by the most specific well-known class of its class chain.</summary>
public enum DeviceKind
{
    /// <summary>No well-known class in the chain; the device is still listed with all its tags.</summary>
    Unknown,

    /// <summary>The Energy Manager itself.</summary>
    EnergyManager,

    /// <summary>The site, holding the energy flows.</summary>
    Location,

    /// <summary>A (virtual) PV plant.</summary>
    PVPlant,

    /// <summary>A PV inverter.</summary>
    Inverter,

    /// <summary>A battery (battery converter).</summary>
    Battery,

    /// <summary>A power meter.</summary>
    PowerMeter,

    /// <summary>An EV charging station.</summary>
    EVStation,

    /// <summary>A smart plug.</summary>
    Plug,

    /// <summary>A heating rod or boiler controller.</summary>
    SmartHeater,

    /// <summary>An app running on the Energy Manager (configuration, hidden by integrations).</summary>
    App,
}
