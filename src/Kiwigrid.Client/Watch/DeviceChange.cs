using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>One difference between two snapshots of a site's devices.</summary>
/// <param name="Kind">A device added or removed, or a tag changed.</param>
/// <param name="Device">The device as it is now (as it was, for a removed device).</param>
/// <param name="TagName">The tag that changed; null for a device added or removed.</param>
/// <param name="Before">The tag's previous value; null when the tag is new.</param>
/// <param name="After">The tag's new value; null when the tag disappeared.</param>
public sealed record DeviceChange(DeviceChangeKind Kind, Device Device, string? TagName, TagValue? Before, TagValue? After)
{
    /// <summary>The guid of the device that changed.</summary>
    public string Guid => Device.Guid;

    /// <summary>For example <c>Location urn:…:0 PowerProduced: 2001 → 2100 W</c>.</summary>
    public override string ToString() => Kind switch
    {
        DeviceChangeKind.DeviceAdded => $"{Device} added",
        DeviceChangeKind.DeviceRemoved => $"{Device} removed",
        _ => $"{Device.Guid} {TagName}: {Before?.Value.ToString() ?? "(none)"} → {After?.Value.ToString() ?? "(none)"}",
    };
}
