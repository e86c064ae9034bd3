using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Hosting;

/// <summary>
/// The watch behind the dashboard: every event into the feed, then to MQTT; the settings read beside it; today's
/// chart filled from the site's history once the first reading is in. <c>kiwigrid serve</c> and
/// <see cref="SiteWatchService"/> both run it, each telling what happens its own way (<see cref="ISiteWatchObserver"/>).
/// </summary>
internal static class SiteWatch
{
    public static async Task RunAsync(
        ISiteSource site,
        SiteFeed feed,
        MqttPublisher? mqtt,
        SiteControl? control,
        DeviceWatchOptions options,
        ISiteWatchObserver observer,
        CancellationToken cancellationToken)
    {
        // The history runs beside the watch and ends with it.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var backfill = Task.CompletedTask;
        try
        {
            await foreach (var watchEvent in feed.Observe(site.WatchAsync(options, cancellationToken)))
            {
                if (mqtt is not null)
                {
                    await mqtt.HandleAsync(watchEvent, cancellationToken);
                }

                if (watchEvent is DeviceSnapshot snapshot)
                {
                    control?.RefreshIfDue(cancellationToken);
                    if (snapshot.IsFirst)
                    {
                        backfill = Backfill(site, feed, feed.Latest!.MeasuredAt, observer, stopping.Token);
                    }
                }

                if (!observer.OnEvent(watchEvent, options))
                {
                    return;
                }
            }
        }
        finally
        {
            await stopping.CancelAsync();
            await backfill;
            if (control is not null)
            {
                await control.StopAsync();
            }
        }
    }

    /// <summary>
    /// Fills today's chart from the site's history up to <paramref name="firstReading"/>; a source that keeps none
    /// (an Energy Manager on the LAN) gets one line saying so, and the chart starts with the live readings.
    /// </summary>
    private static Task Backfill(ISiteSource site, SiteFeed feed, DateTimeOffset firstReading, ISiteWatchObserver observer, CancellationToken cancellationToken)
    {
        if (site.Capabilities.HasFlag(SiteCapabilities.History))
        {
            return ChartBackfill.RunAsync(feed, firstReading, site.GetEnergyHistoryAsync, observer.Note, cancellationToken);
        }

        observer.Note($"{SiteSubject.Of(site)} keeps no history; today's chart starts with the live readings.");
        return Task.CompletedTask;
    }
}
