using System.Runtime.CompilerServices;
using Kiwigrid.Client.Devices;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Watch;

/// <summary>
/// The polling loop behind every watch: read, diff against the last snapshot, wait; on a failure drop the source,
/// wait with backoff, connect anew and diff the first snapshot against the last one before the failure.
/// </summary>
/// <remarks>
/// Until the server has proven itself (a first snapshot, or a source whose opening logged in), every failure ends the
/// watch: a wrong URL or password is the caller's to see. After that only <see cref="WatchFailure.Fatal"/> failures
/// end it, and a <see cref="WatchFailure.SessionRefused"/> one only when it recurs on a fresh session; everything
/// else — a lost socket, a timeout, a 5xx, a Vert.x failure, a malformed reply — is retried.
/// Each reconnection attempt is counted in <see cref="KiwigridTelemetry.Reconnects"/> under <c>telemetrySource</c>.
/// </remarks>
internal sealed partial class DeviceWatchLoop(
    string telemetrySource,
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
        var established = false;
        var readsOnSource = 0;
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
                    if (source is null)
                    {
                        source = await connect(cancellationToken).ConfigureAwait(false);
                        readsOnSource = 0;
                        established |= source.OpeningProvesServer;
                    }

                    devices = await source.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Retries(ex, established, readsOnSource))
                {
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
                    LogReadFailed(logger, failedAttempts, delay, failure.GetType().Name, failure.Message);
                    KiwigridTelemetry.CountReconnect(telemetrySource);
                    yield return new DeviceWatchInterrupted(timeProvider.GetUtcNow(), failure, failedAttempts, delay);
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var reconnected = failedAttempts > 0;
                if (reconnected)
                {
                    LogReconnected(logger, failedAttempts);
                }

                established = true;
                readsOnSource++;
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

    /// <summary>What a failure means for a watch that is already running.</summary>
    internal static WatchFailure Classify(Exception exception) => exception switch
    {
        // The login itself: refused credentials (after the re-login that a reconnection or an expired token is)
        // or a request the login server rejects; a login server that is down, throttling or answering oddly heals.
        KiwigridAuthenticationException auth => auth.StatusCode is >= 400 and < 500 && !TransientStatus.Is(auth.StatusCode)
            ? WatchFailure.Fatal
            : WatchFailure.Transient,

        // A Vert.x failure (NO_HANDLERS, TIMEOUT, RECIPIENT_FAILURE) is the server's; so are 5xx and overload.
        KiwigridServiceException { FailureType: not null } => WatchFailure.Transient,
        KiwigridServiceException service => service.Code switch
        {
            401 or 403 or 419 => WatchFailure.SessionRefused,
            var code when TransientStatus.Is(code) => WatchFailure.Transient,
            >= 400 and < 500 => WatchFailure.Fatal,
            _ => WatchFailure.Transient,
        },
        KiwigridBridgeException { IsRefusal: true } => WatchFailure.SessionRefused,

        // Options the caller got wrong stay wrong.
        ArgumentException => WatchFailure.Fatal,

        // A lost or silent connection, a malformed reply, any other bridge error: not the caller's doing.
        _ => WatchFailure.Transient,
    };

    private static bool Retries(Exception exception, bool established, int readsOnSource) =>
        established && Classify(exception) switch
        {
            WatchFailure.Transient => true,

            // Worth one new login; refused again on a fresh session, it is for the caller to see.
            WatchFailure.SessionRefused => readsOnSource > 0,
            _ => false,
        };

    private async Task DisposeQuietlyAsync(IDeviceSource source)
    {
        try
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing a connection that failed fails in many ways; nothing is left to release.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCloseFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Device watch read failed (attempt {Attempt}), reconnecting in {Delay}: {Kind}: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, int attempt, TimeSpan delay, string kind, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Device watch reconnected after {Attempts} failed attempts")]
    private static partial void LogReconnected(ILogger logger, int attempts);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Closing a failed connection failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);
}

/// <summary>What a failure of a running watch calls for.</summary>
internal enum WatchFailure
{
    /// <summary>Not the caller's doing and likely to pass: reconnect with backoff.</summary>
    Transient,

    /// <summary>The session's rights were refused (401, 403, 419, <c>access_denied</c>): a new login may restore them, once.</summary>
    SessionRefused,

    /// <summary>Retrying cannot fix it (wrong credentials, a 4xx for the request itself): the watch ends with it.</summary>
    Fatal,
}
