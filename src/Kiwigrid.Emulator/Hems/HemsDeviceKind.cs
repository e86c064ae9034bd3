namespace Kiwigrid.Emulator.Hems;

/// <summary>What a Kiwigrid device is to the HEMS API, by its most telling device class.</summary>
internal enum HemsDeviceKind
{
    /// <summary>Not listed by the HEMS API (Energy Manager, apps, meters).</summary>
    Other,

    /// <summary><c>com.kiwigrid.devices.location.Location</c>: the home's energy flows.</summary>
    Location,

    /// <summary><c>com.kiwigrid.devices.pvplant.PVPlant</c>: <c>/pv-plant</c>.</summary>
    PvPlant,

    /// <summary>A <c>BatteryConverter</c>: <c>/battery</c>.</summary>
    Battery,

    /// <summary>An <c>EVStation</c>: <c>/evstation</c>.</summary>
    EvStation,

    /// <summary><c>com.kiwigrid.devices.plug.Plug</c>: <c>/plug</c>.</summary>
    Plug,

    /// <summary>A class naming a heater (our guess: no Kiwigrid heater class is public): <c>/smart-heater</c>.</summary>
    SmartHeater,
}
