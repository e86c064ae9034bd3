using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>The Manager read over real loopback sockets: login quirks, renewal, outages, firmware detection, the watch.</summary>
public sealed class ManagerSiteSourceTests
{
    /// <summary>
    /// The request timeout of a source on a clock that <see cref="AdvanceUntilAsync"/> moves while requests are in flight:
    /// long enough that no step times a request out on a slow machine.
    /// </summary>
    private static readonly TimeSpan SteppedClockTimeout = TimeSpan.FromDays(30);

    private static ManagerSiteSource Source(FakeManager manager, ManagerClientOptions? options = null, string password = FakeManager.Password) =>
        new(manager.BaseUri, FakeManager.User, password, options);

    [Fact]
    public async Task New_firmware_is_read_through_the_energy_overview_after_one_login()
    {
        await using var manager = await FakeManager.StartAsync();
        await using var source = Source(manager);

        var flow = await source.GetEnergyFlowAsync();

        Assert.Equal(ManagerApi.EnergyOverview, source.Api);
        Assert.EndsWith("(energy overview API)", source.Description, StringComparison.Ordinal);
        Assert.Equal((329d, 9d, 107d, 445d), (flow.PvProduction!.Value.Value, flow.GridImport!.Value.Value, flow.BatteryDischarging!.Value.Value, flow.HouseConsumption!.Value.Value));
        Assert.Equal(1, manager.Logins);
        Assert.Equal(
            ["POST /auth/login", "GET /rest/hems-configurator/energy-overview", "GET /rest/hems-configurator/things"],
            manager.Requests);
    }

    [Fact]
    public async Task A_poll_reads_the_values_alone_and_the_things_again_only_after_15_minutes()
    {
        await using var manager = await FakeManager.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var source = Source(manager, new ManagerClientOptions { TimeProvider = clock, SessionLifetime = TimeSpan.FromHours(1) });

        await source.GetDevicesAsync();
        clock.Advance(TimeSpan.FromMinutes(14));
        var again = await source.GetDevicesAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await source.GetDevicesAsync();

        Assert.Contains(again, d => d.Kind == DeviceKind.Battery);
        Assert.Equal(
            [
                "POST /auth/login", "GET /rest/hems-configurator/energy-overview", "GET /rest/hems-configurator/things",
                "GET /rest/hems-configurator/energy-overview",
                "GET /rest/hems-configurator/energy-overview", "GET /rest/hems-configurator/things",
            ],
            manager.Requests);
    }

    [Fact]
    public async Task Old_firmware_is_read_through_openhab_items()
    {
        await using var manager = await FakeManager.StartAsync(oldFirmware: true);
        await using var source = Source(manager);

        Assert.Equal(ManagerApi.OpenHabItems, await source.DetectApiAsync());
        var devices = await source.GetDevicesAsync();

        Assert.Contains("openHAB items", source.Description, StringComparison.Ordinal);
        var location = Assert.Single(devices, d => d.Kind == DeviceKind.Location);
        Assert.Equal(1500, location.GetDouble(TagNames.WorkIn));
        Assert.Equal(61, EnergyFlow.From(devices).BatteryStateOfCharge!.Value.Value);
        Assert.Equal(1, manager.Logins);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_ended_session_logs_in_again_and_repeats_the_request(bool oldFirmware)
    {
        await using var manager = await FakeManager.StartAsync(oldFirmware);
        var log = new RecordingLog();
        await using var source = Source(manager, new ManagerClientOptions { LoggerFactory = log });
        var first = await source.GetDevicesAsync();

        manager.EndSessions();
        var second = await source.GetDevicesAsync();

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(2, manager.Logins);
        Assert.Single(log.Lines, l => l.EventId == 432);
    }

    [Fact]
    public async Task A_session_is_renewed_after_fifteen_minutes_without_waiting_for_a_refusal()
    {
        await using var manager = await FakeManager.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var source = Source(manager, new ManagerClientOptions { TimeProvider = clock, RequestTimeout = SteppedClockTimeout });
        await source.GetDevicesAsync();

        clock.Advance(TimeSpan.FromSeconds(899));
        await source.GetDevicesAsync();
        Assert.Equal(1, manager.Logins);
        clock.Advance(TimeSpan.FromSeconds(1));
        await source.GetDevicesAsync();

        Assert.Equal(2, manager.Logins);
        Assert.Equal("POST /auth/login", manager.Requests[^3]);
    }

    [Fact]
    public async Task A_wrong_password_is_a_refused_login_without_the_password_in_the_message()
    {
        await using var manager = await FakeManager.StartAsync();
        await using var source = Source(manager, password: "not-the-password");

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => source.GetDevicesAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("refused the user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.Equal(["POST /auth/login"], manager.Requests);
    }

    [Fact]
    public async Task A_login_outage_is_retried_with_backoff_on_the_clock_and_logged_once_per_retry()
    {
        await using var manager = await FakeManager.StartAsync();
        manager.LoginOutages.Enqueue(504);
        manager.LoginOutages.Enqueue(500);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var log = new RecordingLog();
        await using var source = Source(manager, new ManagerClientOptions { TimeProvider = clock, RequestTimeout = SteppedClockTimeout, LoggerFactory = log });

        var read = source.GetDevicesAsync();
        await AdvanceUntilAsync(clock, read, TimeSpan.FromSeconds(1));

        Assert.Equal(5, (await read).Count);
        var retries = log.Lines.Where(l => l.EventId == 431).Select(l => l.Text).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("HTTP 504 (attempt 1 of 3); trying again in 2 s", retries[0], StringComparison.Ordinal);
        Assert.Contains("HTTP 500 (attempt 2 of 3); trying again in 4 s", retries[1], StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, l => l.Text.Contains(FakeManager.Password, StringComparison.Ordinal) || l.Text.Contains("kiwisessionid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_login_outage_that_lasts_is_a_service_error_after_three_attempts()
    {
        await using var manager = await FakeManager.StartAsync();
        foreach (var status in new[] { 500, 504, 504 })
        {
            manager.LoginOutages.Enqueue(status);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var source = Source(manager, new ManagerClientOptions { TimeProvider = clock, RequestTimeout = SteppedClockTimeout });

        var read = source.GetDevicesAsync();
        await AdvanceUntilAsync(clock, read, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => read);
        Assert.Equal(504, error.Code);
        Assert.Contains("3 times in a row", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, manager.Requests.Count);
    }

    [Fact]
    public async Task A_device_without_a_sign_in_is_not_a_manager()
    {
        await using var server = await Local.LoopbackHttpServer.StartAsync(_ => { });
        await using var source = new ManagerSiteSource(server.BaseUri, "installer", "x");

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => source.GetDevicesAsync());

        Assert.Contains("not a SOLARWATT Manager", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_watch_rides_out_an_ended_session()
    {
        await using var manager = await FakeManager.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var source = Source(manager, new ManagerClientOptions { TimeProvider = clock, RequestTimeout = SteppedClockTimeout });
        var options = DeviceWatchOptions.Default with { Interval = TimeSpan.FromSeconds(10) };
        await using var watch = source.WatchAsync(options).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.True(Assert.IsType<DeviceSnapshot>(watch.Current).IsFirst);

        manager.EndSessions();
        var next = watch.MoveNextAsync().AsTask();
        await AdvanceUntilAsync(clock, next, options.Interval);

        Assert.True(await next);
        var snapshot = Assert.IsType<DeviceSnapshot>(watch.Current);
        Assert.False(snapshot.AfterReconnect);
        Assert.Empty(snapshot.Changes);
        Assert.Equal(2, manager.Logins);
    }

    [Fact]
    public async Task History_and_settings_are_refused_in_one_sentence_before_any_request()
    {
        await using var manager = await FakeManager.StartAsync();
        await using var source = Source(manager);

        var history = await Assert.ThrowsAsync<NotSupportedException>(() => source.GetEnergyHistoryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), HistoryResolution.OneHour));
        await Assert.ThrowsAsync<NotSupportedException>(() => source.GetSettingsAsync());

        Assert.Contains("keeps no history", history.Message, StringComparison.Ordinal);
        Assert.Empty(manager.Requests);
        Assert.False(source.Capabilities.HasFlag(SiteCapabilities.History));
    }

    /// <summary>Moves the fake clock on in steps until <paramref name="task"/> ends (the requests themselves take no fake time).</summary>
    internal static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task task, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(10));
            if (!task.IsCompleted)
            {
                clock.Advance(step);
            }
        }
    }
}
