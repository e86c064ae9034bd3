namespace Kiwigrid.Emulator.Devices;

/// <summary>A device of the emulated site: its guid, class chain (generic to specific) and tags.</summary>
public sealed class EmulatedDevice
{
    public EmulatedDevice(string guid, IReadOnlyList<string> deviceClasses)
    {
        Guid = guid;
        DeviceClasses = deviceClasses;
    }

    public string Guid { get; }

    /// <summary>The class chain from generic to specific, as in <c>deviceModel</c>.</summary>
    public IReadOnlyList<string> DeviceClasses { get; }

    /// <summary>The tags by name; only <see cref="DeviceStore"/> changes them, under its lock.</summary>
    internal Dictionary<string, EmulatedTag> Tags { get; } = new(StringComparer.Ordinal);
}
