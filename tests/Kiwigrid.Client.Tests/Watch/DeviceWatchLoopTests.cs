using System.Globalization;
using System.Text;

using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Watch;

/// <summary>
/// Which failures a running watch rides out and which end it, over scripted sources on a fake clock: only what a
/// retry cannot fix (wrong credentials, a request the server refuses, rights refused again after a new login) ends a
/// watch that has proven its server; everything else is reported, retried with backoff, and costs no change.
/// </summary>
public sealed class DeviceWatchLoopTests
{
    private static readonly TimeSpan Interval = DeviceWatchOptions.MinimumInterval;

    /// <summary>Every failure that is not the caller's, as the client raises it.</summary>
    public static TheoryData<string, Exception> OutagesToRideOut => new()
    {
        { "5xx", new KiwigridServiceException(500, null, "deviceservice.getDevices failed with code 500: Internal Server Error.") },
        { "503", new KiwigridServiceException(503, null, "Service Unavailable.") },
        { "429", new KiwigridServiceException(429, null, "Too Many Requests.") },
        { "malformed reply", new KiwigridProtocolException("deviceservice.getDevices answered without an \"items\" array.") },
        { "Vert.x TIMEOUT", new KiwigridServiceException(-1, "TIMEOUT", "Timed out after waiting 30000(ms) for a reply.") },
        { "Vert.x RECIPIENT_FAILURE", new KiwigridServiceException(42, "RECIPIENT_FAILURE", "device exploded") },
        { "Vert.x NO_HANDLERS", new KiwigridServiceException(-1, "NO_HANDLERS", "No handlers for address deviceservice") },
        { "bridge error", new KiwigridBridgeException("deviceservice", "invalid_json", "The event-bus bridge refused the request to 'deviceservice': invalid_json.") },
        { "timeout", new KiwigridTimeoutException("No reply from 'deviceservice' within 30 s.") },
        { "lost socket", new KiwigridConnectionException("The event-bus connection was lost.") },
        { "login server down", new KiwigridAuthenticationException(1, 502, "Login step 1 (login) failed: the server answered HTTP 502 Bad Gateway.") },
        { "login throttled", new KiwigridAuthenticationException(1, 429, "Login step 1 (login) failed: the server answered HTTP 429.") },
        { "unexpected", new InvalidOperationException("Something odd.") },
    };

    [Theory]
    [MemberData(nameof(OutagesToRideOut))]
    public async Task After_the_first_snapshot_a_failure_that_is_not_the_callers_is_reported_retried_and_costs_no_change(string kind, Exception failure)
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        Assert.True((await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero)).IsFirst);

        site.Produced = 200;
        site.FailNextReads(failure, failure);
        var first = await watch.NextAsync<DeviceWatchInterrupted>(Interval);
        var second = await watch.NextAsync<DeviceWatchInterrupted>(first.RetryDelay);
        site.Produced = 300;
        var back = await watch.NextAsync<DeviceSnapshot>(second.RetryDelay);

        Assert.Same(failure, first.Error);
        Assert.Equal((1, 2), (first.Attempt, second.Attempt));
        Assert.InRange(second.RetryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.True(back.AfterReconnect, kind);
        var change = Assert.Single(back.Changes);
        Assert.Equal((100.0, 300.0), (change.Before!.AsDouble(), change.After!.AsDouble()));

        // Each failure dropped its session, and each retry opened a new one.
        Assert.Equal(3, site.Connections);
        Assert.Equal(2, site.Disposed);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task A_request_the_server_refuses_ends_the_watch_with_the_error(int code)
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero);

        var refused = new KiwigridServiceException(code, null, $"deviceservice.getDevices failed with code {code}.");
        site.FailNextReads(refused);

        Assert.Same(refused, await Assert.ThrowsAsync<KiwigridServiceException>(() => watch.NextAsync<DeviceSnapshot>(Interval)));
        Assert.Equal(1, site.Disposed);
    }

    [Fact]
    public async Task Wrong_credentials_on_logging_in_again_end_the_watch()
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero);

        site.FailNextReads(new KiwigridConnectionException("The event-bus connection was lost."));
        var lost = await watch.NextAsync<DeviceWatchInterrupted>(Interval);
        var wrong = new KiwigridAuthenticationException(1, 401, "Login failed at step 1 (login): the portal rejected the username or password (HTTP 401).");
        site.FailNextConnects(wrong);

        Assert.Same(wrong, await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => watch.NextAsync<DeviceSnapshot>(lost.RetryDelay)));
    }

    public static TheoryData<Exception> SessionRefusals => new()
    {
        new KiwigridServiceException(401, null, "Unauthorized: the accessToken is not valid."),
        new KiwigridServiceException(403, null, "Forbidden."),
        new KiwigridServiceException(419, null, "Authentication Timeout."),
        new KiwigridBridgeException("deviceservice", "access_denied", "The event-bus bridge refused the request to 'deviceservice': access_denied."),
    };

    [Theory]
    [MemberData(nameof(SessionRefusals))]
    public async Task Refused_rights_get_one_new_login_and_end_the_watch_when_the_fresh_session_is_refused_too(Exception refusal)
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero);

        site.FailNextReads(refusal, refusal);
        var retried = await watch.NextAsync<DeviceWatchInterrupted>(Interval);
        var ended = await Assert.ThrowsAnyAsync<KiwigridException>(() => watch.NextAsync<DeviceSnapshot>(retried.RetryDelay));

        Assert.Same(refusal, retried.Error);
        Assert.Same(refusal, ended);
        Assert.Equal(2, site.Connections);
    }

    [Theory]
    [MemberData(nameof(SessionRefusals))]
    public async Task Refused_rights_that_a_new_login_restores_cost_no_change(Exception refusal)
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero);

        site.FailNextReads(refusal);
        site.Produced = 150;
        var retried = await watch.NextAsync<DeviceWatchInterrupted>(Interval);
        var back = await watch.NextAsync<DeviceSnapshot>(retried.RetryDelay);

        Assert.True(back.AfterReconnect);
        Assert.Equal(150, Assert.Single(back.Changes).After!.AsDouble());
    }

    [Fact]
    public async Task A_socket_lost_while_the_first_request_after_a_successful_login_waits_is_retried_not_thrown()
    {
        var site = new ScriptedSite();
        site.FailNextReads(new KiwigridConnectionException("The event-bus connection was lost: reset by peer."));
        await using var watch = site.Watch();

        var lost = await watch.NextAsync<DeviceWatchInterrupted>(TimeSpan.Zero);
        var first = await watch.NextAsync<DeviceSnapshot>(lost.RetryDelay);

        Assert.True(first.IsFirst);
        Assert.Empty(first.Changes);
        Assert.Equal(2, site.Connections);
    }

    [Fact]
    public async Task Before_any_login_succeeded_a_failure_is_the_callers_to_see()
    {
        var site = new ScriptedSite();
        var unreachable = new KiwigridConnectionException("Login step 1 (login): cannot reach http://127.0.0.1:9 (ConnectionError).");
        site.FailNextConnects(unreachable);
        await using var watch = site.Watch();

        Assert.Same(unreachable, await Assert.ThrowsAsync<KiwigridConnectionException>(() => watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_source_whose_opening_proves_nothing_throws_its_first_failure()
    {
        // As a local Energy Manager: nothing is opened, so only a first snapshot shows the address is right.
        var site = new ScriptedSite { OpeningProvesServer = false };
        var failure = new KiwigridProtocolException("The Energy Manager at http://192.0.2.1 answered HTTP 404 Not Found for the device list.");
        site.FailNextReads(failure);
        await using var watch = site.Watch();

        Assert.Same(failure, await Assert.ThrowsAsync<KiwigridProtocolException>(() => watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero)));
    }

    [Fact]
    public async Task An_outage_that_passes_resets_the_backoff()
    {
        var site = new ScriptedSite();
        await using var watch = site.Watch();
        await watch.NextAsync<DeviceSnapshot>(TimeSpan.Zero);

        var failure = new KiwigridServiceException(500, null, "Internal Server Error.");
        site.FailNextReads(failure);
        var first = await watch.NextAsync<DeviceWatchInterrupted>(Interval);
        await watch.NextAsync<DeviceSnapshot>(first.RetryDelay);
        site.FailNextReads(failure);
        var again = await watch.NextAsync<DeviceWatchInterrupted>(Interval);

        Assert.Equal(1, again.Attempt);
    }

    /// <summary>A site whose reads and connects fail as scripted; one device whose PowerProduced the test sets.</summary>
    private sealed class ScriptedSite
    {
        private readonly Queue<Exception> _readFailures = new();
        private readonly Queue<Exception> _connectFailures = new();

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UnixEpoch);

        public double Produced { get; set; } = 100;

        public bool OpeningProvesServer { get; init; } = true;

        public int Connections { get; private set; }

        public int Disposed { get; private set; }

        public void FailNextReads(params Exception[] failures)
        {
            foreach (var failure in failures)
            {
                _readFailures.Enqueue(failure);
            }
        }

        public void FailNextConnects(params Exception[] failures)
        {
            foreach (var failure in failures)
            {
                _connectFailures.Enqueue(failure);
            }
        }

        public Run Watch()
        {
            var options = new KiwigridClientOptions { TimeProvider = Clock };
            var watchOptions = DeviceWatchOptions.Default with { Interval = Interval };

            // The upper end of the jitter, so every wait is exactly initial · 2ⁿ⁻¹.
            var events = KiwigridClient.WatchAsync(ConnectAsync, options, watchOptions, () => 1.0, CancellationToken.None);
            return new Run(events.GetAsyncEnumerator(), Clock);
        }

        private Task<IDeviceSource> ConnectAsync(CancellationToken cancellationToken) =>
            _connectFailures.TryDequeue(out var failure)
                ? Task.FromException<IDeviceSource>(failure)
                : Task.FromResult<IDeviceSource>(new Source(this));

        private IReadOnlyList<Device> Read()
        {
            if (_readFailures.TryDequeue(out var failure))
            {
                throw failure;
            }

            var json = """{"result":{"items":[{"guid":"loc","deviceModel":[{"deviceClass":"com.kiwigrid.devices.location.Location"}],"tagValues":{"PowerProduced":{"tagName":"PowerProduced","value":"""
                + Produced.ToString(CultureInfo.InvariantCulture) + "}}}]}}";
            return DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(json));
        }

        private sealed class Source : IDeviceSource
        {
            private readonly ScriptedSite _site;

            public Source(ScriptedSite site)
            {
                _site = site;
                site.Connections++;
            }

            public bool OpeningProvesServer => _site.OpeningProvesServer;

            public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => Task.FromResult(_site.Read());

            public ValueTask DisposeAsync()
            {
                _site.Disposed++;
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>A running watch, stepped event by event on the fake clock.</summary>
    private sealed class Run(IAsyncEnumerator<DeviceWatchEvent> events, FakeTimeProvider clock) : IAsyncDisposable
    {
        public async Task<T> NextAsync<T>(TimeSpan advance)
            where T : DeviceWatchEvent
        {
            var next = events.MoveNextAsync().AsTask();
            clock.Advance(advance);
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)), "The watch ended.");
            return Assert.IsType<T>(events.Current);
        }

        public ValueTask DisposeAsync() => events.DisposeAsync();
    }
}
