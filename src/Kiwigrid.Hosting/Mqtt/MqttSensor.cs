namespace Kiwigrid.Hosting.Mqtt;

/// <summary>One Home Assistant sensor: the key of its value in a state topic's JSON, its display name and kind.</summary>
/// <param name="Key">The JSON key in the state payload; for device sensors the Kiwigrid tag name.</param>
/// <param name="Name">The entity name Home Assistant shows after the device's name.</param>
/// <param name="Kind">What it measures.</param>
internal sealed record MqttSensor(string Key, string Name, SensorKind Kind)
{
    public string DeviceClass => Kind switch
    {
        SensorKind.Power => "power",
        SensorKind.Energy => "energy",
        SensorKind.BatteryLevel => "battery",
        SensorKind.Temperature => "temperature",
        _ => string.Empty,
    };

    public string StateClass => Kind == SensorKind.Energy ? "total_increasing" : "measurement";

    public string Unit => Kind switch
    {
        SensorKind.Power => "W",
        SensorKind.Energy => "Wh",
        SensorKind.Temperature => "°C",
        _ => "%",
    };

    /// <summary>Whole watts and watt-hours; percentages and temperatures to a tenth.</summary>
    public int DisplayPrecision => Kind is SensorKind.Power or SensorKind.Energy ? 0 : 1;
}
