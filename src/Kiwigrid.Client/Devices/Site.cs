namespace Kiwigrid.Client.Devices;

/// <summary>The site (<c>Location</c>): the energy flows of the whole home, in W and Wh.</summary>
public sealed class Site : DeviceView
{
    private Site(Device device) : base(device) { }

    /// <summary>The view of <paramref name="device"/> if it is a Location; otherwise null.</summary>
    public static Site? From(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind == DeviceKind.Location ? new Site(device) : null;
    }

    /// <summary>PV production, W.</summary>
    public double? PowerProduced => Number(TagNames.PowerProduced);

    /// <summary>House consumption, W.</summary>
    public double? PowerConsumed => Number(TagNames.PowerConsumed);

    /// <summary>Grid import, W.</summary>
    public double? PowerIn => Number(TagNames.PowerIn);

    /// <summary>Feed-in, W.</summary>
    public double? PowerOut => Number(TagNames.PowerOut);

    /// <summary>Battery charging, W.</summary>
    public double? PowerBuffered => Number(TagNames.PowerBuffered);

    /// <summary>Battery discharging, W.</summary>
    public double? PowerReleased => Number(TagNames.PowerReleased);

    /// <summary>PV power used on site, W.</summary>
    public double? PowerSelfConsumed => Number(TagNames.PowerSelfConsumed);

    /// <summary>Consumption covered on site, W.</summary>
    public double? PowerSelfSupplied => Number(TagNames.PowerSelfSupplied);

    /// <summary>PV energy since installation, Wh.</summary>
    public double? WorkProduced => Number(TagNames.WorkProduced);

    /// <summary>Consumed energy since installation, Wh.</summary>
    public double? WorkConsumed => Number(TagNames.WorkConsumed);

    /// <summary>Imported energy, Wh.</summary>
    public double? WorkIn => Number(TagNames.WorkIn);

    /// <summary>Exported energy, Wh.</summary>
    public double? WorkOut => Number(TagNames.WorkOut);

    /// <summary>Grid price, ct/kWh.</summary>
    public double? PriceWorkIn => Number(TagNames.PriceWorkIn);
}
