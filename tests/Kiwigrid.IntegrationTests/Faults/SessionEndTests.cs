using System.Collections.Concurrent;

using Kiwigrid.Client;
using Kiwigrid.Client.Watch;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// The emulator, like Vert.x, tells a session the client closed (its close frame arrived) from one whose socket just
/// went away. Every session the client ends — disposed, a watch stopped, a watch dropping a session after a failed
/// read — must reach it as a close.
/// </summary>
public sealed class SessionEndTests
{
    [Fact]
    public async Task A_disposed_client_and_a_stopped_watch_end_their_sessions_with_a_close_frame()
    {
        var log = new SessionLog();
        await using var run = await FaultRun.StartAsync(options => options with { LoggerFactory = log });

        await using (var client = await run.ConnectAsync())
        {
            Assert.NotEmpty(await client.GetDevicesAsync().WaitAsync(FaultRun.Bound));
        }

        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in KiwigridClient.WatchAsync(run.Emulator.UserName, run.Emulator.Password, run.ClientOptions, cancellationToken: stop.Token))
            {
                await stop.CancelAsync();
            }
        }).WaitAsync(FaultRun.Bound);

        Assert.Equal(["client closed", "client closed"], await log.ClosedAsync(2));
    }

    [Fact]
    public async Task A_watch_that_drops_its_session_after_a_500_closes_it_with_a_close_frame()
    {
        var log = new SessionLog();
        await using var run = await FaultRun.StartAsync(options => options with { LoggerFactory = log, PingTimeout = TimeSpan.FromMinutes(5) });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = run.ClientOptions with { TimeProvider = clock };
        var watchOptions = DeviceWatchOptions.Default with { Interval = DeviceWatchOptions.MinimumInterval, MaxReconnectDelay = TimeSpan.FromSeconds(1) };
        using var stop = new CancellationTokenSource();
        await using var watch = KiwigridClient.WatchAsync(run.Emulator.UserName, run.Emulator.Password, options, watchOptions, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(FaultRun.Bound));
        var fault = BusFault.ServiceError(500, "Internal Server Error");
        run.Proxy.FaultNextRequests("getDevices", fault);
        var next = watch.MoveNextAsync().AsTask();
        clock.Advance(watchOptions.Interval);
        Assert.True(await next.WaitAsync(FaultRun.Bound));
        Assert.IsType<DeviceWatchInterrupted>(watch.Current);

        Assert.Equal(["client closed"], await log.ClosedAsync(1));
    }

    /// <summary>The emulator's log, kept for the reason each bus session closed.</summary>
    private sealed class SessionLog : ILoggerFactory, ILogger
    {
        /// <summary>The emulator's "Bus connection {ConnectionId} closed: {Reason}".</summary>
        private const int ClosedEventId = 201;

        private readonly ConcurrentQueue<string> _closed = new();

        /// <summary>The reasons of the first <paramref name="count"/> sessions to close, waiting for them.</summary>
        public async Task<string[]> ClosedAsync(int count)
        {
            var deadline = DateTime.UtcNow + FaultRun.Bound;
            while (_closed.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            return [.. _closed.Take(count)];
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == ClosedEventId && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                _closed.Enqueue(fields.First(f => f.Key == "Reason").Value?.ToString() ?? string.Empty);
            }
        }

        public void Dispose()
        {
        }
    }
}
