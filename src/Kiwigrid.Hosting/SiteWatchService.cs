using Kiwigrid.Client;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Hosting.Views;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting;

/// <summary>
/// Runs <see cref="SiteWatch"/> for as long as the host runs, with MQTT when configured. The watch itself rides out
/// remote failures; what still ends it (the first login failing before any reading, say) is logged in one line and
/// tried again with a growing delay. Only a refused login, the user's own mistake, stops the host.
/// </summary>
internal sealed partial class SiteWatchService(
    KiwigridSite site,
    ILoggerFactory loggers,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The exit codes of <c>kiwigrid</c>: a wrong setting 2, a refused login 3.</summary>
    private const int ExitCodeSetup = 2;

    private const int ExitCodeLoginRefused = 3;

    private readonly ILogger _logger = loggers.CreateLogger<SiteWatchService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (site.Setup is not { } setup || site.Source is not { } source)
        {
            SetupWrong(_logger, site.SetupError!);
            await StopAsync(ExitCodeSetup, stoppingToken);
            return;
        }

        await using var mqtt = setup.Mqtt is null
            ? null
            : await MqttPublisher.StartAsync(setup.Mqtt, loggers, timeProvider, setup.AllowControl ? site.Control : null, stoppingToken);
        var options = new DeviceWatchOptions { Interval = setup.Interval };
        var backoff = new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay);
        var observer = new LoggingWatchObserver(_logger);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await SiteWatch.RunAsync(source, site.Feed, mqtt, site.Control, options, observer, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (KiwigridSetupException ex)
            {
                // Found out only on the first read: a Manager on the LAN where no gateway password is set.
                SetupWrong(_logger, ex.Message);
                await StopAsync(ExitCodeSetup, stoppingToken);
                return;
            }
            catch (KiwigridAuthenticationException ex) when (ex.StatusCode is 401 or 403)
            {
                LoginRefused(_logger, ex.Message);
                await StopAsync(ExitCodeLoginRefused, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is KiwigridException or HttpRequestException or IOException)
            {
                var delay = backoff.DelayFor(attempt);
                WatchFailed(_logger, WatchFailure.Summary(ex), ex.Message.TrimEnd('.'), delay.TotalSeconds, attempt);

                // The watch may have ended before it could say so itself (a site that did not answer at all, a device on
                // the LAN that failed its probe): /healthz and the dashboards show why, not "no snapshot yet".
                site.Feed.Apply(new DeviceWatchInterrupted(timeProvider.GetUtcNow(), ex, attempt, delay));
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Ends the host with the exit code a service manager reads (systemd's RestartPreventExitStatus=2).</summary>
    private async Task StopAsync(int exitCode, CancellationToken stoppingToken)
    {
        Environment.ExitCode = exitCode;

        // Stopping while the server still binds its addresses would fail the host's start with an exception.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Critical, Message = "{Sentence}")]
    private static partial void SetupWrong(ILogger logger, string sentence);

    [LoggerMessage(EventId = 10, Level = LogLevel.Critical, Message = "The site cannot be read: {Reason}")]
    private static partial void LoginRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{What} ({Reason}); starting the watch again in {DelaySeconds:0.#} s (attempt {Attempt})")]
    private static partial void WatchFailed(ILogger logger, string what, string reason, double delaySeconds, int attempt);
}
