using Kiwigrid.Client.Counters;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Tests.Counters;

namespace Kiwigrid.Client.Tests.Hems;

/// <summary>
/// The lifetime counters built from the HEMS analytics (fixtures: the month has 4 July 2026, the day's work 5 July at
/// 17:00), as Home Assistant's energy dashboard sees them: they never drop and never count a day twice.
/// </summary>
public sealed class HemsEnergyCountersTests : IDisposable
{
    private static readonly DateOnly July5 = new(2026, 7, 5);

    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-hems-counters-").FullName;

    private string StatePath => Path.Combine(_stateDir, "counters.json");

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task The_month_and_today_give_the_counters_and_reads_within_the_interval_ask_nothing()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new SiteClock(July5, hour: 18);
        cloud.Clock = clock.Time;
        await using var client = HemsClient.Create(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options with { SiteTimeZone = SiteClock.Berlin });
        var counters = new HemsEnergyCounters(client, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath));

        var tags = await counters.GetLocationTagsAsync();
        var analytics = cloud.ApiRequests.Count(r => r.StartsWith("analytics/", StringComparison.Ordinal));
        clock.Time.Advance(TimeSpan.FromMinutes(4));
        await counters.GetLocationTagsAsync();

        // 4 July from the month (18975 Wh) plus 5 July so far from the day (647 Wh).
        Assert.Equal(18975 + 647, Value(tags, TagNames.WorkConsumed));
        Assert.Equal(37728, Value(tags, TagNames.WorkProduced));
        Assert.Equal(14798, Value(tags, TagNames.WorkOut));
        Assert.Equal(11163, Value(tags, "WorkBuffered"));
        Assert.Equal(analytics, cloud.ApiRequests.Count(r => r.StartsWith("analytics/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Midnight_and_a_restart_neither_lower_the_counters_nor_count_a_day_twice()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new SiteClock(July5, hour: 18);
        cloud.Clock = clock.Time;
        var options = cloud.Options with { SiteTimeZone = SiteClock.Berlin };
        await using var client = HemsClient.Create(FakeHemsCloud.Username, FakeHemsCloud.Password, options);
        var before = Value(await new HemsEnergyCounters(client, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath)).GetLocationTagsAsync(), TagNames.WorkConsumed);

        // Just after midnight the API still answers 5 July's hours for "today": the answer's own day counts, once.
        var counters = new HemsEnergyCounters(client, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath));
        await counters.GetLocationTagsAsync();
        clock.SetLocal(July5.AddDays(1), hour: 0);
        clock.Time.Advance(TimeSpan.FromMinutes(10));
        var afterMidnight = Value(await counters.GetLocationTagsAsync(), TagNames.WorkConsumed);

        // A restart of serve: the state file goes on; the month asked again adds nothing.
        await using var restarted = HemsClient.Create(FakeHemsCloud.Username, FakeHemsCloud.Password, options);
        var afterRestart = Value(await new HemsEnergyCounters(restarted, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath)).GetLocationTagsAsync(), TagNames.WorkConsumed);

        Assert.Equal(18975 + 647, before);
        Assert.Equal(before, afterMidnight);
        Assert.Equal(before, afterRestart);
        Assert.Contains(cloud.ApiRequests, r => r.StartsWith("analytics/consumption?from=2026-07-05T00:00:00&to=2026-07-05T23:59:59", StringComparison.Ordinal));
        Assert.Contains(cloud.ApiRequests, r => r.StartsWith("analytics/consumption?from=2026-06-01T00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_counters_and_the_device_read_goes_on()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new SiteClock(July5, hour: 18);
        cloud.Clock = clock.Time;
        await using var client = HemsClient.Create(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options with { SiteTimeZone = SiteClock.Berlin, MaxAttempts = 1 });
        var counters = new HemsEnergyCounters(client, new EnergyCounterLedger(SiteClock.Berlin, clock.Time, StatePath));
        var first = Value(await counters.GetLocationTagsAsync(), TagNames.WorkConsumed);

        cloud.ApiDown = true;
        clock.Time.Advance(HemsEnergyCounters.DefaultRefreshInterval);
        var duringOutage = await counters.GetLocationTagsAsync();

        Assert.Equal(first, Value(duringOutage, TagNames.WorkConsumed));
    }

    [Fact]
    public async Task The_source_logs_in_on_its_first_read_and_a_wrong_password_fails_that_read()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var source = new HemsSiteSource(HemsClient.Create(FakeHemsCloud.Username, "wrong", cloud.Options));

        Assert.Equal(0, cloud.Logins);
        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => source.GetEnergyFlowAsync());
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_whose_first_login_cannot_reach_the_server_ends_with_that_error()
    {
        var options = HemsClientOptions.ForServer(new Uri("http://127.0.0.1:1")) with { MaxAttempts = 1 };
        await using var source = new HemsSiteSource(HemsClient.Create(FakeHemsCloud.Username, FakeHemsCloud.Password, options));

        var watch = source.WatchAsync(new Kiwigrid.Client.Watch.DeviceWatchOptions { Interval = TimeSpan.FromSeconds(5) }).GetAsyncEnumerator();

        await Assert.ThrowsAsync<KiwigridConnectionException>(async () => await watch.MoveNextAsync());
    }

    private static double Value(IReadOnlyList<TagValue> tags, string name) =>
        tags.Single(t => t.Name == name).Value.GetDouble();
}
