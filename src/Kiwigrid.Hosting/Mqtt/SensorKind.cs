namespace Kiwigrid.Hosting.Mqtt;

/// <summary>What a sensor measures, which fixes its Home Assistant device class, state class and unit.</summary>
internal enum SensorKind
{
    /// <summary>Power in W: device class power, state class measurement.</summary>
    Power,

    /// <summary>An energy counter in Wh: device class energy, state class total_increasing (the Energy dashboard needs both).</summary>
    Energy,

    /// <summary>A battery's state of charge in %: device class battery.</summary>
    BatteryLevel,

    /// <summary>A ratio in % with no device class (self-sufficiency, state of health).</summary>
    Percentage,

    /// <summary>A temperature in °C.</summary>
    Temperature,
}
