using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Views;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting;

/// <summary>What the watch does, as log lines: the first reading, every interruption with its retry, the recovery.</summary>
internal sealed partial class LoggingWatchObserver(ILogger logger) : ISiteWatchObserver
{
    public bool OnEvent(DeviceWatchEvent watchEvent, DeviceWatchOptions options)
    {
        switch (watchEvent)
        {
            case DeviceWatchInterrupted lost:
                WatchInterrupted(logger, WatchFailure.Summary(lost.Error), lost.Error.Message.TrimEnd('.'), lost.RetryDelay.TotalSeconds, lost.Attempt);
                break;
            case DeviceSnapshot { IsFirst: true } first:
                Watching(logger, first.Devices.Count, options.Interval.TotalSeconds);
                break;
            case DeviceSnapshot { AfterReconnect: true }:
                Reconnected(logger);
                break;
        }

        return true;
    }

    public void Note(string line) => ChartNote(logger, line);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Watching {Count} devices every {IntervalSeconds} s")]
    private static partial void Watching(ILogger logger, int count, double intervalSeconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{What} ({Reason}); reconnecting in {DelaySeconds:0.#} s (attempt {Attempt})")]
    private static partial void WatchInterrupted(ILogger logger, string what, string reason, double delaySeconds, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Reconnected")]
    private static partial void Reconnected(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void ChartNote(ILogger logger, string line);
}
