namespace Kiwigrid.Emulator.Manager;

/// <summary>What a device of the simulated home is to the Manager: one of the things its APIs list.</summary>
internal enum ManagerThingKind
{
    /// <summary>The home's energy flows: <c>kiwigrid-location:standard:…</c>.</summary>
    Location,

    /// <summary>A PV plant: <c>pvplant:standard:…</c>.</summary>
    PvPlant,

    /// <summary>A PV inverter: <c>…:inverter:&lt;serial&gt;</c>, category <c>INVERTERS</c>.</summary>
    Inverter,

    /// <summary>A power meter: <c>…:meter:&lt;serial&gt;</c>, category <c>POWER_METERS</c>.</summary>
    Meter,

    /// <summary>A battery: <c>…:battery:&lt;serial&gt;</c>, category <c>STORAGES</c>.</summary>
    Battery,
}
