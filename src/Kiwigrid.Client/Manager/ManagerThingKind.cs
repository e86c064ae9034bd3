namespace Kiwigrid.Client.Manager;

/// <summary>What a Manager's thing stands for in the Kiwigrid model.</summary>
internal enum ManagerThingKind
{
    /// <summary>Not a device the model shows (a bridge, the synthetic overview).</summary>
    Other,

    /// <summary>The site: its flows are the Location's.</summary>
    Location,

    /// <summary>A PV plant (grouping inverters).</summary>
    PvPlant,

    /// <summary>An inverter.</summary>
    Inverter,

    /// <summary>A battery (category <c>STORAGES</c>).</summary>
    Battery,

    /// <summary>A power meter (category <c>POWER_METERS</c>).</summary>
    Meter,
}
