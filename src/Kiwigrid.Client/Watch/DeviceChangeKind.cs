namespace Kiwigrid.Client.Watch;

/// <summary>What kind of change a <see cref="DeviceChange"/> is.</summary>
public enum DeviceChangeKind
{
    /// <summary>A device appeared.</summary>
    DeviceAdded,

    /// <summary>A device disappeared.</summary>
    DeviceRemoved,

    /// <summary>A tag's value changed, or a tag appeared or disappeared on a device present before and after.</summary>
    TagChanged,
}
