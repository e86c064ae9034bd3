using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>Compares two snapshots of a site's devices by guid and tag name, as the portal's front-end does.</summary>
public static class DeviceDiff
{
    /// <summary>
    /// Every device added or removed and every tag whose value changed, appeared or disappeared between
    /// <paramref name="before"/> and <paramref name="after"/>, in the order of <paramref name="after"/> (removed
    /// devices last). A tag whose value stayed the same but got a new timestamp is not a change.
    /// </summary>
    public static IReadOnlyList<DeviceChange> Compare(IReadOnlyList<Device> before, IReadOnlyList<Device> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var previous = new Dictionary<string, Device>(StringComparer.Ordinal);
        foreach (var device in before)
        {
            previous.TryAdd(device.Guid, device);
        }

        var changes = new List<DeviceChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in after)
        {
            if (!seen.Add(device.Guid))
            {
                continue;
            }

            if (!previous.TryGetValue(device.Guid, out var old))
            {
                changes.Add(new DeviceChange(DeviceChangeKind.DeviceAdded, device, null, null, null));
                continue;
            }

            foreach (var (name, tag) in device.Tags)
            {
                var oldTag = old.GetTag(name);
                if (oldTag is null || !oldTag.HasSameValue(tag))
                {
                    changes.Add(new DeviceChange(DeviceChangeKind.TagChanged, device, name, oldTag, tag));
                }
            }

            foreach (var (name, oldTag) in old.Tags)
            {
                if (device.GetTag(name) is null)
                {
                    changes.Add(new DeviceChange(DeviceChangeKind.TagChanged, device, name, oldTag, null));
                }
            }
        }

        foreach (var device in before)
        {
            if (!seen.Contains(device.Guid) && previous.Remove(device.Guid))
            {
                changes.Add(new DeviceChange(DeviceChangeKind.DeviceRemoved, device, null, null, null));
            }
        }

        return changes;
    }
}
