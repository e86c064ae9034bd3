using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>
/// One poll: every watched device as it is now, and what changed since the previous snapshot. After a reconnection
/// the changes are taken against the last snapshot before the connection was lost, so none is lost or repeated.
/// </summary>
/// <param name="At">When the devices were read.</param>
/// <param name="Devices">Every watched device with its current tag values.</param>
/// <param name="Changes">What changed since the previous snapshot; empty for the first one.</param>
/// <param name="IsFirst">Whether this is the watch's first snapshot (nothing to compare with).</param>
/// <param name="AfterReconnect">Whether the connection was lost and re-established since the previous snapshot.</param>
public sealed record DeviceSnapshot(
    DateTimeOffset At,
    IReadOnlyList<Device> Devices,
    IReadOnlyList<DeviceChange> Changes,
    bool IsFirst,
    bool AfterReconnect) : DeviceWatchEvent(At);
