namespace Kiwigrid.Client.Devices;

/// <summary>A PV inverter.</summary>
public sealed class Inverter : DeviceView
{
    private Inverter(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is an inverter (not a battery); otherwise null.</summary>
    public static Inverter? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.Inverter ? new Inverter(device) : null;
    }

    /// <summary>AC output, W.</summary>
    public double? PowerACOut => Number(TagNames.PowerACOut);

    /// <summary>AC energy since installation, Wh.</summary>
    public double? WorkACOut => Number(TagNames.WorkACOut);

    /// <summary>Maximum AC output, W.</summary>
    public double? PowerACOutMax => Number(TagNames.PowerACOutMax);
}
