using System.Text.Json.Nodes;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Testing;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// A <see cref="KiwigridClient.WatchAsync(string, string, KiwigridClientOptions?, DeviceWatchOptions?, CancellationToken)"/>
/// through a <see cref="FaultProxy"/> to an emulator replaying a captured dump, everything on one fake clock. A replay
/// changes only when written to, so the changes a watch must report are exactly the writes a test makes (with a
/// second client straight to the emulator, past the proxy). The site outlives emulator restarts, as a cloud's data
/// outlives a server restart.
/// </summary>
internal sealed class WatchedReplay : IAsyncDisposable
{
    public static readonly TimeSpan Interval = DeviceWatchOptions.MinimumInterval;

    /// <summary>Reconnection waits between half and all of this (jitter); advancing by it always ends the wait.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopWatch = new();
    private readonly IAsyncEnumerator<DeviceWatchEvent> _watch;
    private readonly List<DeviceWatchEvent> _events = [];
    private readonly TimeSpan _tokenLifetime;
    private Task<bool>? _pending;

    private WatchedReplay(FakeTimeProvider clock, ReplaySite site, KiwigridEmulator emulator, FaultProxy proxy, TimeSpan tokenLifetime, ClientLog log)
    {
        Clock = clock;
        Site = site;
        Emulator = emulator;
        Proxy = proxy;
        Log = log;
        _tokenLifetime = tokenLifetime;

        // The bus's pings and heartbeats are kept out of the way of the fake clock's jumps: only the fault under test
        // interrupts the watch. Requests never time out on the fake clock; FaultRun.Bound guards against a hang.
        var client = KiwigridClientOptions.ForServer(proxy.Uri) with
        {
            TimeProvider = clock,
            ServerSilenceTimeout = TimeSpan.FromDays(1),
            LoggerFactory = log,
        };
        var watch = DeviceWatchOptions.Default with { Interval = Interval, InitialReconnectDelay = ReconnectDelay, MaxReconnectDelay = ReconnectDelay };
        _watch = KiwigridClient.WatchAsync(emulator.UserName, emulator.Password, client, watch, _stopWatch.Token).GetAsyncEnumerator(_stopWatch.Token);
    }

    public FakeTimeProvider Clock { get; }

    public ReplaySite Site { get; }

    public KiwigridEmulator Emulator { get; private set; }

    public FaultProxy Proxy { get; }

    /// <summary>What the watch's sessions logged (event ids only).</summary>
    public ClientLog Log { get; }

    /// <summary>Every event the watch reported, in order.</summary>
    public IReadOnlyList<DeviceWatchEvent> Events => _events;

    /// <summary>Every tag change the watch reported, over all its snapshots.</summary>
    public IEnumerable<DeviceChange> ReportedChanges => _events.OfType<DeviceSnapshot>().SelectMany(s => s.Changes);

    public static async Task<WatchedReplay> StartAsync(TimeSpan? tokenLifetime = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var site = new ReplaySite(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json"), clock);
        var lifetime = tokenLifetime ?? TimeSpan.FromHours(1);
        var emulator = await KiwigridEmulator.StartAsync(ReplayOptions(clock, site, lifetime, port: 0)).WaitAsync(FaultRun.Bound);
        return new WatchedReplay(clock, site, emulator, new FaultProxy(emulator.BaseUri), lifetime, new ClientLog());
    }

    /// <summary>The watch's next event; when it is waiting for its clock, advance the clock by <paramref name="advance"/> first.</summary>
    public async Task<DeviceWatchEvent> NextAsync(TimeSpan advance = default)
    {
        // MoveNextAsync runs the loop up to its next wait (a Task.Delay on the fake clock) before it returns, so the
        // clock is advanced only once the watch waits on it.
        _pending = _watch.MoveNextAsync().AsTask();
        if (advance > TimeSpan.Zero)
        {
            Clock.Advance(advance);
        }

        try
        {
            Assert.True(await _pending.WaitAsync(FaultRun.Bound), "The watch ended.");
        }
        finally
        {
            // A watch that ended with an error has nothing left for the dispose to wait for.
            if (_pending.IsCompleted)
            {
                _pending = null;
            }
        }

        _events.Add(_watch.Current);
        return _watch.Current;
    }

    /// <summary>Writes settings tags with mergeDevice through a client of its own, straight to the emulator.</summary>
    public async Task WriteAsync(string guid, string tagName, JsonNode value)
    {
        var options = KiwigridClientOptions.ForServer(Emulator.BaseUri) with { RequestTimeout = TimeSpan.FromSeconds(5) };
        await using var writer = await KiwigridClient.ConnectAsync(Emulator.UserName, Emulator.Password, options).WaitAsync(FaultRun.Bound);
        var result = await writer.SetTagValuesAsync(guid, new Dictionary<string, TagWrite> { [tagName] = new(value, null) }).WaitAsync(FaultRun.Bound);
        Assert.True(result.AllAccepted, $"the write of {tagName} was refused");
    }

    /// <summary>Stops the emulator (its sessions closed with Go away!) and starts another on the same port and site.</summary>
    public async Task RestartEmulatorAsync()
    {
        var port = Emulator.BaseUri.Port;
        await Emulator.DisposeAsync().AsTask().WaitAsync(FaultRun.Bound);
        Emulator = await KiwigridEmulator.StartAsync(ReplayOptions(Clock, Site, _tokenLifetime, port)).WaitAsync(FaultRun.Bound);
    }

    /// <summary>Asserts that <paramref name="snapshot"/> holds exactly the emulator's devices with their stored values.</summary>
    public void AssertMatchesStore(DeviceSnapshot snapshot)
    {
        Assert.Equal(Site.Devices.Guids().Order(StringComparer.Ordinal), snapshot.Devices.Select(d => d.Guid).Order(StringComparer.Ordinal));
        foreach (var device in snapshot.Devices)
        {
            foreach (var (name, tag) in device.Tags)
            {
                var stored = Site.Devices.GetValue(device.Guid, name);
                var watched = JsonNode.Parse(tag.Value.GetRawText());
                Assert.True(JsonNode.DeepEquals(stored, watched), $"{device.Guid} {name}: watched {watched?.ToJsonString()}, stored {stored?.ToJsonString()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatch.CancelAsync();
        if (_pending is { } pending)
        {
            try
            {
                await pending.WaitAsync(FaultRun.Bound);
            }
            catch (OperationCanceledException)
            {
                // The watch ends with the cancellation it was waiting on.
            }
        }

        await _watch.DisposeAsync().AsTask().WaitAsync(FaultRun.Bound);
        await Proxy.DisposeAsync();
        await Emulator.DisposeAsync();
        _stopWatch.Dispose();
    }

    private static EmulatorOptions ReplayOptions(FakeTimeProvider clock, ReplaySite site, TimeSpan tokenLifetime, int port) =>
        EmulatorOptions.Default with
        {
            Urls = [$"http://127.0.0.1:{port}"],
            TimeProvider = clock,
            SiteFactory = _ => site,
            TokenLifetime = tokenLifetime,
            PingTimeout = TimeSpan.FromDays(1),
            HeartbeatInterval = TimeSpan.FromDays(1),
        };
}
