namespace Kiwigrid.Client.Devices;

/// <summary>Well-known Kiwigrid device classes (the <c>deviceModel[].deviceClass</c> values).</summary>
public static class DeviceClassNames
{
    /// <summary>The root of every class chain.</summary>
    public const string Device = "com.kiwigrid.lib.device.Device";

    /// <summary>The Energy Manager itself.</summary>
    public const string EnergyManager = "com.kiwigrid.devices.em.EnergyManager";

    /// <summary>The site: holds the energy flows.</summary>
    public const string Location = "com.kiwigrid.devices.location.Location";

    /// <summary>A virtual PV plant grouping inverters.</summary>
    public const string PVPlant = "com.kiwigrid.devices.pvplant.PVPlant";

    /// <summary>Any inverter (battery converters are inverters too).</summary>
    public const string Inverter = "com.kiwigrid.devices.inverter.Inverter";

    /// <summary>Any battery (MyReserve, Battery flex, Varta).</summary>
    public const string BatteryConverter = "com.kiwigrid.devices.batteryconverter.BatteryConverter";

    /// <summary>Any power meter.</summary>
    public const string PowerMeter = "com.kiwigrid.devices.powermeter.PowerMeter";

    /// <summary>Any EV charging station.</summary>
    public const string EVStation = "com.kiwigrid.devices.evstation.EVStation";

    /// <summary>Any smart plug.</summary>
    public const string Plug = "com.kiwigrid.devices.plug.Plug";

    /// <summary>A heating rod or boiler controller.</summary>
    public const string SmartHeater = "com.kiwigrid.devices.smartheater.SmartHeater";

    /// <summary>The grid-flow app (feed-in limit).</summary>
    public const string GridFlow = "com.kiwigrid.kiwiapp.gridflow.GridFlow";

    /// <summary>The schedule app.</summary>
    public const string ScheduleApp = "com.kiwigrid.application.schedule.ScheduleApp";

    /// <summary>The profile app.</summary>
    public const string ProfileApp = "com.kiwigrid.application.schedule.ProfileApp";

    /// <summary>The forecast app.</summary>
    public const string Forecast = "com.solarwatt.devices.forecast.Forecast";

    /// <summary>The smart energy management app.</summary>
    public const string SmartEnergyManagement = "com.solarwatt.devices.sem.SmartEnergyManagement";

    /// <summary>The simple switcher app.</summary>
    public const string SimpleSwitcher = "com.kiwigrid.devices.simpleswitcher.SimpleSwitcher";
}
