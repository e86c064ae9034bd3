namespace Kiwigrid.Client.Devices;

/// <summary>A power meter.</summary>
public sealed class PowerMeter : DeviceView
{
    private PowerMeter(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is a power meter; otherwise null.</summary>
    public static PowerMeter? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.PowerMeter ? new PowerMeter(device) : null;
    }

    /// <summary>Power in (import), W.</summary>
    public double? PowerIn => Number(TagNames.PowerIn);

    /// <summary>Power out (export), W.</summary>
    public double? PowerOut => Number(TagNames.PowerOut);

    /// <summary>Energy in, Wh.</summary>
    public double? WorkIn => Number(TagNames.WorkIn);

    /// <summary>Energy out, Wh.</summary>
    public double? WorkOut => Number(TagNames.WorkOut);
}
