using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.EventBus;

/// <summary>The real <see cref="EventBusConnection"/> against sockjs-node over loopback, in both bridge dialects.</summary>
[Trait(TestCategory.Name, TestCategory.Node)]
public sealed class SockJsBridgePeerTests(SockJsBridgePeer peer) : IClassFixture<SockJsBridgePeer>
{
    private const string Text = "äöü € °C 😀 \u2028 \"quoted\" \\";

    [Theory]
    [InlineData("vertx2")]
    [InlineData("vertx3")]
    public async Task A_request_gets_its_reply_with_text_intact(string dialect)
    {
        await using var bus = await ConnectAsync(peer.Options(dialect));

        var reply = (await bus.RequestElementAsync("test.echo", new JsonObject { ["text"] = Text, ["n"] = 1 }));

        Assert.Equal(Text, reply.GetProperty("echo").GetProperty("text").GetString());
        Assert.Equal(1, reply.GetProperty("echo").GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("vertx2")]
    [InlineData("vertx3")]
    public async Task A_registration_receives_what_the_server_sends_and_ends_with_unregister(string dialect)
    {
        await using var bus = await ConnectAsync(peer.Options(dialect));
        await using (var events = bus.SubscribeAsync("events").GetAsyncEnumerator())
        {
            // Enumeration starts the registration; the server delivers only to addresses registered with it.
            var first = events.MoveNextAsync();
            await WaitForRegistrationsAsync(bus, 1);

            var delivered = (await bus.RequestElementAsync("test.deliver", new JsonObject { ["address"] = "events", ["count"] = 3 }));

            Assert.Equal(3, delivered.GetProperty("delivered").GetInt32());
            var received = new List<int>();
            for (var next = first; ; next = events.MoveNextAsync())
            {
                Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
                received.Add(events.Current.GetProperty("n").GetInt32());
                if (received.Count == 3)
                {
                    break;
                }
            }

            Assert.Equal([0, 1, 2], received);
        }

        await WaitForRegistrationsAsync(bus, 0);
    }

    private static async Task WaitForRegistrationsAsync(EventBusConnection bus, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await bus.RequestElementAsync("test.registrations", [])).GetProperty("addresses").GetArrayLength() == count)
            {
                return;
            }
        }

        Assert.Fail($"the server never held {count} registrations");
    }

    [Fact]
    public async Task A_reply_failure_becomes_a_service_exception()
    {
        await using var bus = await ConnectAsync(peer.Options("vertx3"));

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => bus.RequestElementAsync("test.fail", []));

        Assert.Equal(42, error.Code);
        Assert.Equal("RECIPIENT_FAILURE", error.FailureType);
        Assert.Equal("device exploded", error.Message);
    }

    [Fact]
    public async Task An_address_without_handlers_is_a_no_handlers_failure()
    {
        await using var bus = await ConnectAsync(peer.Options("vertx3"));

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => bus.RequestElementAsync("nope", []));

        Assert.Equal(-1, error.Code);
        Assert.Equal("NO_HANDLERS", error.FailureType);
    }

    [Fact]
    public async Task A_bridge_error_fails_the_request_at_once_naming_its_address_and_raises_the_event()
    {
        await using var bus = await ConnectAsync(peer.Options("vertx3"));
        var raised = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.BridgeError += (_, e) => raised.TrySetResult(e.Error);

        // Far longer than the test may take: the request must fail with the bridge error, not by its timeout.
        var error = await Assert.ThrowsAsync<KiwigridBridgeException>(() => bus.RequestElementAsync("test.bridge-error", [], TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("access_denied", await raised.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("test.bridge-error", error.Address);
        Assert.Contains("'test.bridge-error': access_denied", error.Message, StringComparison.Ordinal);
        Assert.Equal(Text, (await bus.RequestElementAsync("test.echo", new JsonObject { ["text"] = Text })).GetProperty("echo").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_close_frame_fails_every_pending_request_at_once_with_code_3000()
    {
        var bus = await ConnectAsync(peer.Options("vertx3"));
        await using var _ = bus;
        var pending = Enumerable.Range(0, 3).Select(_ => bus.RequestElementAsync("test.silent", [])).ToList();
        // The echo's reply proves the silent requests reached the server before the close.
        await bus.RequestElementAsync("test.echo", []);

        pending.Add(bus.RequestElementAsync("test.close", []));

        foreach (var request in pending)
        {
            var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => request);
            Assert.Equal(3000, error.CloseCode);
            Assert.Equal("Go away!", error.CloseReason);
        }

        await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Completion);
    }

    [Fact]
    public async Task A_server_without_heartbeats_is_detected_within_the_silence_window()
    {
        var silence = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        await using var bus = await ConnectAsync(peer.Options("silent") with { ServerSilenceTimeout = silence });

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Completion.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.StartsWith("No data from the server for 1 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, silence * 0.9, silence * 5);
    }

    [Fact]
    public async Task Heartbeats_keep_an_idle_connection_alive_past_the_silence_window()
    {
        // The /heartbeat endpoint beats every 100 ms; without the beats the 2.5 s window would end the connection.
        // (The window is 25 beats wide: on a loaded 2-core machine a 1 s window was starved past once in CI.)
        await using var bus = await ConnectAsync(peer.Options("heartbeat") with { ServerSilenceTimeout = TimeSpan.FromSeconds(2.5) });

        var ended = await Task.WhenAny(bus.Completion, Task.Delay(TimeSpan.FromSeconds(3.5)));

        Assert.NotSame(bus.Completion, ended);
        Assert.Equal(JsonValueKind.Object, (await bus.RequestElementAsync("test.echo", [])).ValueKind);
    }

    [Fact]
    public async Task The_client_pings_at_open_and_every_interval()
    {
        await using var bus = await ConnectAsync(peer.Options("vertx3") with { PingInterval = TimeSpan.FromMilliseconds(50) });
        var deadline = Stopwatch.StartNew();
        int pings;
        do
        {
            pings = (await bus.RequestElementAsync("test.pings", [])).GetProperty("pings").GetInt32();
        }
        while (pings < 4 && deadline.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(pings >= 4, $"the server counted {pings} pings");
    }

    [Fact]
    public async Task Publish_reaches_the_server()
    {
        await using var bus = await ConnectAsync(peer.Options("vertx3"));

        await bus.PublishAsync("test.publish", new JsonObject { ["fireAndForget"] = Text });
        var published = (await bus.RequestElementAsync("test.published", []));

        Assert.Equal(Text, published.GetProperty("body").GetProperty("fireAndForget").GetString());
    }

    [Fact]
    public async Task The_default_websocket_sends_the_login_cookies_in_the_handshake()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri($"http://127.0.0.1:{peer.Port}/"), new Cookie("webcore_sid", "s3cr3t"));
        await using var bus = await EventBusConnection.ConnectAsync(peer.Options("vertx3"), cookies);

        var reply = (await bus.RequestElementAsync("test.cookie", []));

        Assert.Equal("webcore_sid=s3cr3t", reply.GetProperty("cookie").GetString());
    }

    private async Task<EventBusConnection> ConnectAsync(KiwigridClientOptions options)
    {
        try
        {
            return await EventBusConnection.ConnectAsync(options, new CookieContainer());
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("Could not connect to the sockjs bridge:\n" + peer.Output, e);
        }
    }
}
