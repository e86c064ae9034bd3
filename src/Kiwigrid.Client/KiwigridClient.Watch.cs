using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client;

public sealed partial class KiwigridClient
{
    /// <summary>
    /// Logs in and reports the site's devices live: a <see cref="DeviceSnapshot"/> every
    /// <see cref="DeviceWatchOptions.Interval"/> with what changed since the previous one, as the portal does by
    /// polling <c>getDevices</c>. The watch owns its sessions: once a login has succeeded, every failed read that is
    /// not the caller's doing — a lost or silent connection, a timeout (its own or Vert.x's), a 5xx, a malformed reply,
    /// a Vert.x failure or bridge error — is reported as <see cref="DeviceWatchInterrupted"/>; the watch closes the
    /// session, waits with exponential backoff and jitter, logs in again and diffs the first snapshot against the last
    /// one before the failure, so no change is lost or reported twice. An expired token is renewed by the session.
    /// Ends when <paramref name="cancellationToken"/> is cancelled, or with the error when retrying cannot help.
    /// </summary>
    /// <param name="username">The portal login.</param>
    /// <param name="password">The portal password; kept in memory for logging in again, never logged.</param>
    /// <param name="options">Hosts, timeouts, clock and logging; null for <see cref="KiwigridClientOptions.Default"/>.</param>
    /// <param name="watchOptions">Interval, query and backoff; null for <see cref="DeviceWatchOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the watch and closes its session.</param>
    /// <exception cref="ArgumentException">A credential is empty or an option is out of range (thrown at once).</exception>
    /// <exception cref="KiwigridAuthenticationException">A login was refused: the first, or one after a failure (thrown while enumerating).</exception>
    /// <exception cref="KiwigridConnectionException">The server could not be reached for the first login.</exception>
    /// <exception cref="KiwigridServiceException">The server refused the request itself (a 4xx such as 400), or refused the session's rights (401, 403, 419) again right after a new login.</exception>
    /// <exception cref="KiwigridBridgeException">The bridge refused the session's rights (<c>access_denied</c>) again right after a new login.</exception>
    public static IAsyncEnumerable<DeviceWatchEvent> WatchAsync(
        string username,
        string password,
        KiwigridClientOptions? options = null,
        DeviceWatchOptions? watchOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        options ??= KiwigridClientOptions.Default;
        watchOptions ??= DeviceWatchOptions.Default;
        watchOptions.Validate();

        return WatchAsync(
            async ct =>
            {
                var client = await ConnectAsync(username, password, options, ct).ConfigureAwait(false);
                return new SessionDeviceSource(read => client.GetDevicesAsync(watchOptions.Query, read), client);
            },
            options,
            watchOptions,
            Random.Shared.NextDouble,
            cancellationToken);
    }

    /// <summary>The watch over any way of connecting (tests hand in their own sources and randomness).</summary>
    internal static IAsyncEnumerable<DeviceWatchEvent> WatchAsync(
        Func<CancellationToken, Task<IDeviceSource>> connect,
        KiwigridClientOptions options,
        DeviceWatchOptions watchOptions,
        Func<double> random,
        CancellationToken cancellationToken)
    {
        var loop = new DeviceWatchLoop(
            KiwigridTelemetry.Sources.Legacy,
            connect,
            watchOptions,
            options.TimeProvider,
            new ReconnectBackoff(watchOptions.InitialReconnectDelay, watchOptions.MaxReconnectDelay, random),
            options.LoggerFactory.CreateLogger<DeviceWatchLoop>());
        return loop.RunAsync(cancellationToken);
    }
}
