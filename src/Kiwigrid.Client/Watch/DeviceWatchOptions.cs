using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>How a device watch polls and how it reconnects. Immutable; derive variants with <c>with</c>.</summary>
public sealed record DeviceWatchOptions
{
    /// <summary>The defaults: every device, polled every 15 s as the portal does, reconnecting after 1 s up to 60 s.</summary>
    public static DeviceWatchOptions Default { get; } = new();

    /// <summary>The shortest poll interval accepted; the cloud is shared, so a watch may not hammer it.</summary>
    public static TimeSpan MinimumInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the devices are read. Default 15 s; at least <see cref="MinimumInterval"/>.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Which devices and tags to read, e.g. with a projection that keeps replies small; null reads every device with
    /// every tag. A local Energy Manager always serves every device, so it ignores this.
    /// </summary>
    public DeviceQuery? Query { get; init; }

    /// <summary>The wait before the first reconnection attempt; it doubles with every failed attempt. Default 1 s.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts. Default 60 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a setting is out of range, so a watch fails when it is created rather than later.</summary>
    internal void Validate()
    {
        if (Interval < MinimumInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, $"The poll interval must be at least {MinimumInterval.TotalSeconds} s.");
        }

        if (InitialReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < InitialReconnectDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialReconnectDelay), InitialReconnectDelay, "Reconnect delays must be positive, the maximum at least the initial one.");
        }
    }
}
