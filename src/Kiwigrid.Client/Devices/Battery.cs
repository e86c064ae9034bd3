namespace Kiwigrid.Client.Devices;

/// <summary>A battery (battery converter: MyReserve, Battery flex, Varta).</summary>
public sealed class Battery : DeviceView
{
    private Battery(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is a battery; otherwise null.</summary>
    public static Battery? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.Battery ? new Battery(device) : null;
    }

    /// <summary>State of charge, %.</summary>
    public double? StateOfCharge => Number(TagNames.StateOfCharge);

    /// <summary>State of health, %.</summary>
    public double? StateOfHealth => Number(TagNames.StateOfHealth);

    /// <summary>Usable capacity, Wh.</summary>
    public double? WorkCapacity => Number(TagNames.WorkCapacity);

    /// <summary>Energy stored now, Wh.</summary>
    public double? WorkCharge => Number(TagNames.WorkCharge);

    /// <summary>Charging power, W.</summary>
    public double? PowerACIn => Number(TagNames.PowerACIn);

    /// <summary>Discharging power, W.</summary>
    public double? PowerACOut => Number(TagNames.PowerACOut);

    /// <summary>Battery temperature, °C.</summary>
    public double? TemperatureBattery => Number(TagNames.TemperatureBattery);

    /// <summary><c>CHARGING</c>, <c>DISCHARGING</c>, <c>OFF</c> or <c>STANDBY</c>.</summary>
    public string? ModeConverter => Device.GetString(TagNames.ModeConverter);
}
