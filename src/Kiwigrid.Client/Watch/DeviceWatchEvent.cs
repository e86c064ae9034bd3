namespace Kiwigrid.Client.Watch;

/// <summary>Something a device watch reports: a <see cref="DeviceSnapshot"/> or a <see cref="DeviceWatchInterrupted"/>.</summary>
/// <param name="At">When it happened, on the watch's clock.</param>
public abstract record DeviceWatchEvent(DateTimeOffset At);
