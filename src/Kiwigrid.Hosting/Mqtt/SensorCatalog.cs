using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Which sensors are announced: the site's energy flow and energy totals, and the main tags of each kind of device,
/// as the openHAB SOLARWATT binding's channels pick them.
/// </summary>
internal static class SensorCatalog
{
    // Location totals the library names no constant for: battery energy in and out.

    /// <summary>The energy flow's sensors and how each reads its value from the snapshot.</summary>
    public static IReadOnlyList<(MqttSensor Sensor, Func<EnergyFlow, Device?, double?> Read)> EnergyFlow { get; } =
    [
        (new("pv_power", "PV power", SensorKind.Power), (flow, _) => flow.PvProduction?.Value),
        (new("house_consumption", "House consumption", SensorKind.Power), (flow, _) => flow.HouseConsumption?.Value),
        (new("grid_import", "Grid import power", SensorKind.Power), (flow, _) => flow.GridImport?.Value),
        (new("grid_export", "Grid export power", SensorKind.Power), (flow, _) => flow.GridExport?.Value),
        (new("battery_charging", "Battery charging power", SensorKind.Power), (flow, _) => flow.BatteryCharging?.Value),
        (new("battery_discharging", "Battery discharging power", SensorKind.Power), (flow, _) => flow.BatteryDischarging?.Value),
        (new("battery_soc", "Battery state of charge", SensorKind.BatteryLevel), (flow, _) => flow.BatteryStateOfCharge?.Value),
        (new("self_sufficiency", "Self-sufficiency", SensorKind.Percentage), (flow, _) => flow.SelfSufficiency?.Value),
        (new("self_consumption", "Self-consumption", SensorKind.Percentage), (flow, _) => flow.SelfConsumption?.Value),
        (new("energy_produced", "Energy produced", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkProduced)),
        (new("energy_consumed", "Energy consumed", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkConsumed)),
        (new("grid_energy_imported", "Grid energy imported", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkIn)),
        (new("grid_energy_exported", "Grid energy exported", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkOut)),
        (new("battery_energy_charged", "Battery energy charged", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkBuffered)),
        (new("battery_energy_discharged", "Battery energy discharged", SensorKind.Energy), (_, site) => site?.GetDouble(TagNames.WorkReleased)),
    ];

    private static readonly MqttSensor[] Producer =
    [
        new(TagNames.PowerACOut, "Power", SensorKind.Power),
        new(TagNames.WorkACOut, "Energy produced", SensorKind.Energy),
    ];

    private static readonly MqttSensor[] Battery =
    [
        new(TagNames.StateOfCharge, "State of charge", SensorKind.BatteryLevel),
        new(TagNames.PowerACIn, "Charging power", SensorKind.Power),
        new(TagNames.PowerACOut, "Discharging power", SensorKind.Power),
        new(TagNames.WorkACIn, "Energy charged", SensorKind.Energy),
        new(TagNames.WorkACOut, "Energy discharged", SensorKind.Energy),
        new(TagNames.StateOfHealth, "State of health", SensorKind.Percentage),
        new(TagNames.TemperatureBattery, "Temperature", SensorKind.Temperature),
    ];

    private static readonly MqttSensor[] Meter =
    [
        new(TagNames.PowerIn, "Power in", SensorKind.Power),
        new(TagNames.PowerOut, "Power out", SensorKind.Power),
        new(TagNames.WorkIn, "Energy in", SensorKind.Energy),
        new(TagNames.WorkOut, "Energy out", SensorKind.Energy),
    ];

    private static readonly MqttSensor[] Charger =
    [
        new(TagNames.PowerACIn, "Charging power", SensorKind.Power),
        new(TagNames.WorkACIn, "Energy charged", SensorKind.Energy),
    ];

    /// <summary>
    /// The sensors of a device that integrations show (not the Energy Manager, the site or an app), limited to the
    /// tags it has; empty for any other device.
    /// </summary>
    public static IReadOnlyList<MqttSensor> For(Device device)
    {
        if (device.GetBool(TagNames.StateVisibleIsSet) == false)
        {
            return [];
        }

        MqttSensor[] candidates = device.Kind switch
        {
            DeviceKind.PVPlant or DeviceKind.Inverter => Producer,
            DeviceKind.Battery => Battery,
            DeviceKind.PowerMeter => Meter,
            DeviceKind.EVStation => Charger,
            _ => [],
        };
        return [.. candidates.Where(sensor => device.GetTag(sensor.Key) is not null)];
    }
}
