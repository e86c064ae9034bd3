using Kiwigrid.Client.Local;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Watch;

/// <summary>Live values from a local Energy Manager, by polling <c>/rest/kiwigrid/wizard/devices</c>.</summary>
public static class LocalEnergyManagerWatch
{
    /// <summary>
    /// Polls the Energy Manager every <see cref="DeviceWatchOptions.Interval"/> and reports each snapshot with what
    /// changed. After the first snapshot every failed read — unreachable, no answer in time, an error status, a
    /// malformed answer — is reported as <see cref="DeviceWatchInterrupted"/> and retried with backoff; before it, the
    /// failure is thrown (a wrong address). Ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="client">The Energy Manager; the watch does not dispose it.</param>
    /// <param name="options">Interval and backoff; <see cref="DeviceWatchOptions.Query"/> is ignored.</param>
    /// <param name="timeProvider">The clock for the interval and the backoff; null for the system clock.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public static IAsyncEnumerable<DeviceWatchEvent> WatchAsync(
        this LocalEnergyManagerClient client,
        DeviceWatchOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= DeviceWatchOptions.Default;
        options.Validate();
        var source = new PolledDeviceSource(client.GetDevicesAsync);
        var loop = new DeviceWatchLoop(
            KiwigridTelemetry.Sources.Local,
            _ => Task.FromResult<IDeviceSource>(source),
            options,
            timeProvider ?? TimeProvider.System,
            new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay, Random.Shared.NextDouble),
            client.Options.LoggerFactory.CreateLogger<DeviceWatchLoop>());
        return loop.RunAsync(cancellationToken);
    }
}
