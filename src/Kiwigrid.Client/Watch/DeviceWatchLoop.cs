using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Kiwigrid.Client.Devices;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Watch;

/// <summary>
/// The polling loop behind every watch: read, diff against the last snapshot, wait; on a lost connection drop the
/// source, wait with backoff, connect anew and diff the first snapshot against the last one before the loss.
/// </summary>
internal sealed partial class DeviceWatchLoop(
    Func<CancellationToken, Task<IDeviceSource>> connect,
    DeviceWatchOptions options,
    TimeProvider timeProvider,
    ReconnectBackoff backoff,
    ILogger logger)
{
    public async IAsyncEnumerable<DeviceWatchEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<Device>? last = null;
        IDeviceSource? source = null;
        var failedAttempts = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IReadOnlyList<Device>? devices = null;
                Exception? failure = null;
                try
                {
                    source ??= await connect(cancellationToken).ConfigureAwait(false);
                    devices = await source.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (last is not null && IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // Before the first snapshot a failure is the caller's to see (wrong password, wrong URL); after
                    // it the watch rides out the outage.
                    failure = ex;
                }

                if (failure is not null)
                {
                    if (source is not null)
                    {
                        await DisposeQuietlyAsync(source).ConfigureAwait(false);
                        source = null;
                    }

                    failedAttempts++;
                    var delay = backoff.DelayFor(failedAttempts);
                    LogConnectionLost(logger, failedAttempts, delay, failure.Message);
                    yield return new DeviceWatchInterrupted(timeProvider.GetUtcNow(), failure, failedAttempts, delay);
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var reconnected = failedAttempts > 0;
                if (reconnected)
                {
                    LogReconnected(logger, failedAttempts);
                }

                var changes = last is null ? [] : DeviceDiff.Compare(last, devices!);
                yield return new DeviceSnapshot(timeProvider.GetUtcNow(), devices!, changes, last is null, reconnected);
                last = devices;
                failedAttempts = 0;
                await Task.Delay(options.Interval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (source is not null)
            {
                await DisposeQuietlyAsync(source).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Failures a new connection can heal; anything else (a bad query, a refused login) ends the watch.</summary>
    internal static bool IsConnectionFailure(Exception exception) => exception switch
    {
        KiwigridConnectionException or KiwigridTimeoutException or HttpRequestException or IOException or WebSocketException => true,
        // No handler registered yet (a restarting server) or an overloaded one.
        KiwigridServiceException service => service.FailureType is not null || service.Code is 408 or 502 or 503 or 504,
        // A login server that is down or restarting, as opposed to one refusing the credentials.
        KiwigridAuthenticationException auth => auth.StatusCode is null or >= 500,
        _ => false,
    };

    private async Task DisposeQuietlyAsync(IDeviceSource source)
    {
        try
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex) || ex is ObjectDisposedException)
        {
            // Closing a connection that is already gone fails; nothing is left to release.
            LogCloseFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Device watch lost the connection (attempt {Attempt}), retrying in {Delay}: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Device watch reconnected after {Attempts} failed attempts")]
    private static partial void LogReconnected(ILogger logger, int attempts);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Closing a lost connection failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);
}
