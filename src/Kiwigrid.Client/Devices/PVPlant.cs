namespace Kiwigrid.Client.Devices;

/// <summary>A (virtual) PV plant.</summary>
public sealed class PVPlant : DeviceView
{
    private PVPlant(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is a PV plant; otherwise null.</summary>
    public static PVPlant? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.PVPlant ? new PVPlant(device) : null;
    }

    /// <summary>AC output, W.</summary>
    public double? PowerACOut => Number(TagNames.PowerACOut);

    /// <summary>AC energy since installation, Wh.</summary>
    public double? WorkACOut => Number(TagNames.WorkACOut);

    /// <summary>Installed peak power, Wp.</summary>
    public double? PowerInstalledPeak => Number(TagNames.PowerInstalledPeak);

    /// <summary>Feed-in derating as a fraction (0.7 = 70 % rule).</summary>
    public double? FractionDeratingLimit => Number(TagNames.FractionDeratingLimit);
}
