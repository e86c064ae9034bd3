using System.Globalization;
using System.Text;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Watch;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Watch;

/// <summary>
/// The library's watch loop on a fake clock, through a local Energy Manager on loopback: diffing, backoff while the
/// server is gone, resynchronising against the last known state, cancellation.
/// </summary>
public sealed class DeviceWatchTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static byte[] Site(double produced, double? consumed = 300)
    {
        var tags = Tag("PowerProduced", produced) + (consumed is { } c ? "," + Tag("PowerConsumed", c) : string.Empty);
        return Encoding.UTF8.GetBytes(
            "{\"result\":{\"items\":[{\"guid\":\"loc\",\"deviceModel\":[{\"deviceClass\":\"com.kiwigrid.lib.device.Device\"},"
            + "{\"deviceClass\":\"com.kiwigrid.devices.location.Location\"}],\"tagValues\":{" + tags + "}}]}}");

        static string Tag(string name, double value) =>
            string.Create(CultureInfo.InvariantCulture, $"\"{name}\":{{\"tagName\":\"{name}\",\"guid\":\"loc\",\"value\":{value}}}");
    }

    private static async Task<T> Next<T>(IAsyncEnumerator<DeviceWatchEvent> watch, FakeTimeProvider clock, TimeSpan advance)
        where T : DeviceWatchEvent
    {
        var next = watch.MoveNextAsync();
        clock.Advance(advance);
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        return Assert.IsType<T>(watch.Current);
    }

    [Fact]
    public async Task Reports_only_what_changed_and_rides_out_an_outage_without_losing_or_repeating_a_change()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await DeviceListServer.StartAsync(Site(100));
        using var client = new LocalEnergyManagerClient(server.BaseUri);
        var options = DeviceWatchOptions.Default with { Interval = Interval };
        await using var watch = client.WatchAsync(options, clock).GetAsyncEnumerator();

        var first = await Next<DeviceSnapshot>(watch, clock, TimeSpan.Zero);
        Assert.True(first.IsFirst);
        Assert.Empty(first.Changes);
        Assert.Equal(100, first.Devices.Single().GetDouble("PowerProduced"));

        server.Body = Site(200);
        var second = await Next<DeviceSnapshot>(watch, clock, Interval);
        var change = Assert.Single(second.Changes);
        Assert.Equal(("loc", "PowerProduced", 100.0, 200.0), (change.Guid, change.TagName, change.Before!.AsDouble(), change.After!.AsDouble()));

        server.Failing = true;
        var lost = await Next<DeviceWatchInterrupted>(watch, clock, Interval);
        Assert.Equal(1, lost.Attempt);
        Assert.InRange(lost.RetryDelay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.IsType<KiwigridConnectionException>(lost.Error);
        var again = await Next<DeviceWatchInterrupted>(watch, clock, lost.RetryDelay);
        Assert.Equal(2, again.Attempt);
        Assert.InRange(again.RetryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // Changed during the outage, and one tag gone: both reported once, against the state before the loss.
        server.Body = Site(300, consumed: null);
        server.Failing = false;
        var back = await Next<DeviceSnapshot>(watch, clock, again.RetryDelay);
        Assert.True(back.AfterReconnect);
        Assert.Equal(2, back.Changes.Count);
        Assert.Contains(back.Changes, c => c.TagName == "PowerProduced" && c.Before!.AsDouble() == 200 && c.After!.AsDouble() == 300);
        Assert.Contains(back.Changes, c => c.TagName == "PowerConsumed" && c.After is null);

        var quiet = await Next<DeviceSnapshot>(watch, clock, Interval);
        Assert.False(quiet.AfterReconnect);
        Assert.Empty(quiet.Changes);
    }

    [Fact]
    public async Task An_error_status_and_a_malformed_answer_after_the_first_snapshot_are_ridden_out_without_losing_a_change()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await DeviceListServer.StartAsync(Site(100));
        using var client = new LocalEnergyManagerClient(server.BaseUri);
        await using var watch = client.WatchAsync(DeviceWatchOptions.Default with { Interval = Interval }, clock).GetAsyncEnumerator();
        await Next<DeviceSnapshot>(watch, clock, TimeSpan.Zero);

        server.NextAnswers.Enqueue((500, "Internal Server Error"u8.ToArray()));
        server.NextAnswers.Enqueue((200, "{\"result\":{\"items\":[{\"guid\":"u8.ToArray()));
        server.Body = Site(250);
        var serverError = await Next<DeviceWatchInterrupted>(watch, clock, Interval);
        var malformed = await Next<DeviceWatchInterrupted>(watch, clock, serverError.RetryDelay);
        var back = await Next<DeviceSnapshot>(watch, clock, malformed.RetryDelay);

        Assert.Contains("HTTP 500", serverError.Error.Message, StringComparison.Ordinal);
        Assert.IsType<KiwigridProtocolException>(malformed.Error);
        Assert.True(back.AfterReconnect);
        var change = Assert.Single(back.Changes);
        Assert.Equal((100.0, 250.0), (change.Before!.AsDouble(), change.After!.AsDouble()));
    }

    [Fact]
    public async Task The_backoff_doubles_up_to_its_cap()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await DeviceListServer.StartAsync(Site(100));
        using var client = new LocalEnergyManagerClient(server.BaseUri);
        var options = DeviceWatchOptions.Default with { Interval = Interval, InitialReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(4) };
        await using var watch = client.WatchAsync(options, clock).GetAsyncEnumerator();
        await Next<DeviceSnapshot>(watch, clock, TimeSpan.Zero);
        server.Failing = true;

        var delays = new List<TimeSpan>();
        var advance = Interval;
        for (var i = 0; i < 5; i++)
        {
            var lost = await Next<DeviceWatchInterrupted>(watch, clock, advance);
            delays.Add(lost.RetryDelay);
            advance = lost.RetryDelay;
        }

        Assert.InRange(delays[0].TotalSeconds, 0.5, 1);
        Assert.InRange(delays[1].TotalSeconds, 1, 2);
        Assert.InRange(delays[2].TotalSeconds, 2, 4);
        Assert.InRange(delays[3].TotalSeconds, 2, 4);
        Assert.InRange(delays[4].TotalSeconds, 2, 4);
    }

    [Fact]
    public async Task Cancelling_stops_a_watch_that_is_waiting_for_its_next_poll()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await DeviceListServer.StartAsync(Site(100));
        using var client = new LocalEnergyManagerClient(server.BaseUri);
        using var cancel = new CancellationTokenSource();
        await using var watch = client.WatchAsync(DeviceWatchOptions.Default, clock, cancel.Token).GetAsyncEnumerator();
        await Next<DeviceSnapshot>(watch, clock, TimeSpan.Zero);

        var next = watch.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_at_the_start_ends_the_watch_with_the_error()
    {
        using var client = new LocalEnergyManagerClient(new Uri("http://127.0.0.1:9"));

        await Assert.ThrowsAsync<KiwigridConnectionException>(async () =>
        {
            await foreach (var unused in client.WatchAsync(DeviceWatchOptions.Default with { Interval = Interval }, new FakeTimeProvider()))
            {
            }
        });
    }

    [Fact]
    public void An_interval_below_five_seconds_is_refused_at_once()
    {
        using var client = new LocalEnergyManagerClient(new Uri("http://127.0.0.1:9"));

        Assert.Throws<ArgumentOutOfRangeException>(() => client.WatchAsync(DeviceWatchOptions.Default with { Interval = TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentException>(() => KiwigridClient.WatchAsync("user", string.Empty));
    }
}
