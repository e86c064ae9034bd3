namespace Kiwigrid.Client.Devices;

/// <summary>A typed view over a device of one kind; the device and all its tags stay reachable.</summary>
public abstract class DeviceView
{
    /// <summary>Wraps <paramref name="device"/>.</summary>
    private protected DeviceView(Device device) => Device = device;

    /// <summary>The device behind this view.</summary>
    public Device Device { get; }

    /// <summary>The display name.</summary>
    public string? Name => Device.Name;

    /// <summary>The numeric value of a tag, or null.</summary>
    private protected double? Number(string tagName) => Device.GetDouble(tagName);
}
