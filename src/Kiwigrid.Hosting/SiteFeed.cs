using System.Threading.Channels;
using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Hosting;

/// <summary>
/// What the server knows of the site: the latest reading, how the watch is doing, today's history and today's energy
/// totals. The watch
/// feeds it; the endpoints read it; every dashboard connected to <c>/api/events</c> gets each change pushed.
/// </summary>
internal sealed class SiteFeed(TimeSpan pollInterval, TimeProvider timeProvider)
{
    /// <summary>A dashboard that falls this far behind loses its oldest events rather than holding the server's memory.</summary>
    private const int SubscriberBacklog = 32;

    private readonly Lock _lock = new();
    private readonly List<Channel<FeedEvent>> _subscribers = [];

    public TimeSpan PollInterval { get; } = pollInterval;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public SiteReading? Latest { get; private set; }

    public WatchStatus Status { get; private set; } = WatchStatus.Starting;

    /// <summary>What can be set on the site, as last read or changed; null when serve shows no settings.</summary>
    public IReadOnlyList<SiteSetting>? Settings { get; private set; }

    /// <summary>Whether the dashboard may change settings (<c>--allow-control</c>).</summary>
    public bool ControlAllowed { get; private set; }

    public ReadingHistory History { get; } = new(timeProvider.LocalTimeZone);

    public TodayEnergy Today { get; } = new(timeProvider.LocalTimeZone);

    /// <summary>Longer than this without a snapshot and the data counts as stale.</summary>
    public TimeSpan StaleAfter => PollInterval * 2;

    /// <summary>Why the data cannot be trusted right now, or null when the latest snapshot is fresh.</summary>
    public string? Unhealthy()
    {
        var (latest, status) = (Latest, Status);
        if (status.State == WatchState.Interrupted)
        {
            // Before a first reading there was no connection to lose: serve waiting for a device that is still starting.
            var what = (status.Failure is null or "Connection lost", latest) switch
            {
                (true, null) => "The site has not been reached yet",
                (true, _) => "The connection to the site is lost",
                _ => $"Reading the site failed: {status.Failure}",
            };
            return $"{what} ({status.Error?.TrimEnd('.')}); retry {status.Attempt} follows.";
        }

        if (latest is null)
        {
            return "No snapshot of the site yet.";
        }

        var now = TimeProvider.GetUtcNow();
        return IsStale(latest, now)
            ? $"The latest snapshot is {(now - latest.At).TotalSeconds:0} s old, more than twice the poll interval."
            : null;
    }

    /// <summary>Whether <paramref name="reading"/> is too old to show as live at <paramref name="now"/> (server clock).</summary>
    public bool IsStale(SiteReading reading, DateTimeOffset now) => now - reading.At > StaleAfter;

    /// <summary>Applies each watch event to the feed as it passes, for a caller that also shows them itself.</summary>
    public async IAsyncEnumerable<DeviceWatchEvent> Observe(IAsyncEnumerable<DeviceWatchEvent> watch)
    {
        await foreach (var watchEvent in watch.ConfigureAwait(false))
        {
            Apply(watchEvent);
            yield return watchEvent;
        }
    }

    public void Apply(DeviceWatchEvent watchEvent)
    {
        switch (watchEvent)
        {
            case DeviceSnapshot snapshot:
                var reading = SiteReading.From(snapshot);
                var point = HistoryPoint.From(reading);
                History.Add(point);
                Today.Add(reading);
                Latest = reading;
                Status = new WatchStatus(WatchState.Live, snapshot.At);
                // Built under the subscribers' lock, so totals sent before a history event never follow it.
                lock (_lock)
                {
                    Publish(new FeedEvent("snapshot", JsonText.WriteCompact(w => SiteJson.WriteSnapshotEvent(w, reading, point, this))));
                }

                break;
            case DeviceWatchInterrupted lost:
                Status = new WatchStatus(WatchState.Interrupted, lost.At, lost.Error.Message, lost.Attempt, lost.RetryDelay, WatchFailure.Summary(lost.Error));
                break;
            default:
                return;
        }

        Publish(new FeedEvent("status", JsonText.WriteCompact(w => SiteJson.WriteStatus(w, this))));
    }

    /// <summary>Shows the settings <paramref name="control"/> reads and changes, and whether the dashboard may change them.</summary>
    public void Follow(SiteControl control)
    {
        ControlAllowed = control.Allowed;
        control.Subscribe(ShowSettings);
    }

    /// <summary>Holds the settings as read or changed and sends every connected dashboard a <c>settings</c> event.</summary>
    public void ShowSettings(IReadOnlyList<SiteSetting> settings)
    {
        lock (_lock)
        {
            Settings = settings;
            Publish(new FeedEvent("settings", JsonText.WriteCompact(w => SiteJson.WriteSettingsEvent(w, this))));
        }
    }

    /// <summary>
    /// Puts the points of the cloud's history before today's live ones (<see cref="ReadingHistory.Backfill"/>), adds
    /// its energy to today's totals (<see cref="TodayEnergy.AddEarlier"/>) and sends every connected dashboard the
    /// whole day again in a <c>history</c> event.
    /// </summary>
    /// <returns>How many points were added.</returns>
    public int Backfill(IReadOnlyList<HistoryPoint> earlier, EarlierEnergy? energy)
    {
        // Under the subscribers' lock, so the day sent is the day held: a snapshot applied meanwhile is either in
        // it or follows it.
        lock (_lock)
        {
            var added = History.Backfill(earlier);
            var counted = energy is not null && Today.AddEarlier(energy);
            if (added > 0 || counted)
            {
                Publish(new FeedEvent("history", JsonText.WriteCompact(w => SiteJson.WriteHistoryEvent(w, this))));
            }

            return added;
        }
    }

    /// <summary>
    /// Starts a subscription: the first events describe everything known so far, later ones each change. Disposing
    /// the subscription ends it.
    /// </summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(SubscriberBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            // Written under the lock, so no change slips in between this welcome and the live events.
            channel.Writer.TryWrite(new FeedEvent("hello", JsonText.WriteCompact(w => SiteJson.WriteHello(w, this))));
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Publish(FeedEvent feedEvent)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(feedEvent);
            }
        }
    }

    private void Unsubscribe(Channel<FeedEvent> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One dashboard's stream of events.</summary>
    public sealed class Subscription(SiteFeed feed, Channel<FeedEvent> channel) : IDisposable
    {
        public ChannelReader<FeedEvent> Events => channel.Reader;

        public void Dispose() => feed.Unsubscribe(channel);
    }
}
