namespace Kiwigrid.Client.Devices;

/// <summary>An EV charging station.</summary>
public sealed class EVStation : DeviceView
{
    private EVStation(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is an EV station; otherwise null.</summary>
    public static EVStation? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.EVStation ? new EVStation(device) : null;
    }

    /// <summary>Charging power, W.</summary>
    public double? PowerACIn => Number(TagNames.PowerACIn);

    /// <summary>Charged energy since installation, Wh.</summary>
    public double? WorkACIn => Number(TagNames.WorkACIn);

    /// <summary>Energy of the current session, Wh.</summary>
    public double? WorkACInSession => Number(TagNames.WorkACInSession);

    /// <summary>Maximum charging power, W.</summary>
    public double? PowerACInMax => Number(TagNames.PowerACInMax);

    /// <summary><c>STANDBY</c>, <c>CHARGING</c> or <c>OFF</c>.</summary>
    public string? ModeStation => Device.GetString(TagNames.ModeStation);
}
