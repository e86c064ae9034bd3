using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Tests.SockJs;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.EventBus;

/// <summary>The event-bus connection over an in-memory WebSocket, with a fake clock.</summary>
public sealed class EventBusConnectionTests
{
    private static readonly JsonObject Body = new() { ["action"] = "getDevices" };

    [Fact]
    public async Task Connecting_waits_for_the_open_frame_then_pings_at_once()
    {
        using var socket = new InMemoryWebSocketPair();
        var options = new KiwigridClientOptions
        {
            EventBusUri = new Uri("https://127.0.0.1:1/kiwibus"),
            TimeProvider = new FakeTimeProvider(),
            WebSocketConnector = socket.ConnectAsync,
        };

        var connecting = EventBusConnection.ConnectAsync(options, new CookieContainer());
        await Task.Yield();
        Assert.False(connecting.IsCompleted);
        await socket.SendAsync("o");
        await using var connection = await connecting;

        Assert.Equal(InMemoryBus.PingFrame, await socket.ReceiveAsync());
        Assert.Matches(@"^wss://127\.0\.0\.1:1/kiwibus/[0-9]{3}/[a-z0-9]{8}/websocket$", Assert.Single(socket.ConnectedUris).ToString());
    }

    [Fact]
    public async Task A_close_frame_instead_of_open_fails_the_connect_with_its_code()
    {
        using var socket = new InMemoryWebSocketPair();
        var options = new KiwigridClientOptions { TimeProvider = new FakeTimeProvider(), WebSocketConnector = socket.ConnectAsync };

        var connecting = EventBusConnection.ConnectAsync(options, new CookieContainer());
        await socket.SendAsync("""c[3000,"Go away!"]""");

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => connecting);
        Assert.Equal(3000, error.CloseCode);
    }

    [Fact]
    public async Task Pings_again_after_each_ping_interval_and_not_before()
    {
        await using var bus = await InMemoryBus.StartAsync();
        var interval = bus.Options.PingInterval;

        for (var round = 0; round < 3; round++)
        {
            bus.Time.Advance(interval - TimeSpan.FromMilliseconds(1));
            // A request sent now is the next frame: no ping came before the interval was over.
            _ = bus.Connection.RequestElementAsync("probe", Body);
            var request = await bus.Socket.ReceiveAsync();
            Assert.Contains("\\\"probe\\\"", request, StringComparison.Ordinal);

            bus.Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(InMemoryBus.PingFrame, await bus.Socket.ReceiveAsync());
        }
    }

    [Fact]
    public async Task Replies_in_both_dialects_complete_their_request()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var vertx2 = bus.Connection.RequestElementAsync("deviceservice", Body);
        var reply2 = await bus.ReceiveRequestAsync("deviceservice");
        var vertx3 = bus.Connection.RequestElementAsync("deviceservice", Body);
        var reply3 = await bus.ReceiveRequestAsync("deviceservice");
        await bus.SendMessagesAsync($$$"""{"type":"rec","address":"{{{reply3}}}","body":{"dialect":3}}""");
        await bus.SendMessagesAsync($$$"""{"address":"{{{reply2}}}","body":{"dialect":2,"text":"ä€😀"}}""");

        Assert.Equal(2, (await vertx2).GetProperty("dialect").GetInt32());
        Assert.Equal("ä€😀", (await vertx2).GetProperty("text").GetString());
        Assert.Equal(3, (await vertx3).GetProperty("dialect").GetInt32());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", reply2);
        Assert.NotEqual(reply2, reply3);
    }

    [Theory]
    [InlineData("{\"items\":[1,}")]
    [InlineData("{\"items\":[1]}} trailing")]
    [InlineData("{\"items\":[1]},\"replyAddress\":}")]
    public async Task A_reply_with_a_broken_body_fails_that_request_and_the_connection_serves_the_next(string brokenBodyAndEnd)
    {
        await using var bus = await InMemoryBus.StartAsync();
        var broken = bus.Connection.RequestElementAsync("deviceservice", Body);
        var brokenAddress = await bus.ReceiveRequestAsync("deviceservice");

        // The body is read for the request that waits for it, so the damage stays with that request.
        await bus.SendMessagesAsync($$$"""{"address":"{{{brokenAddress}}}","body":{{{brokenBodyAndEnd}}}""");
        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => broken);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);

        var next = bus.Connection.RequestElementAsync("deviceservice", Body);
        var nextAddress = await bus.ReceiveRequestAsync("deviceservice");
        await bus.SendMessagesAsync($$$"""{"address":"{{{nextAddress}}}","body":{"items":[2]},"headers":{}}""");
        Assert.Equal(2, (await next).GetProperty("items")[0].GetInt32());
        Assert.False(bus.Connection.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_reply_failure_raises_a_service_exception_with_code_type_and_message()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var request = bus.Connection.RequestElementAsync("deviceservice", Body);
        var replyAddress = await bus.ReceiveRequestAsync("deviceservice");
        await bus.SendMessagesAsync($$$"""{"type":"err","address":"{{{replyAddress}}}","failureCode":42,"failureType":"RECIPIENT_FAILURE","message":"device exploded"}""");

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => request);
        Assert.Equal(42, error.Code);
        Assert.Equal("RECIPIENT_FAILURE", error.FailureType);
        Assert.Equal("device exploded", error.Message);
        Assert.False(error.IsTokenExpired);
    }

    [Fact]
    public async Task A_vertx2_reply_failure_without_type_raises_a_service_exception()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var request = bus.Connection.RequestElementAsync("nobody.listens", Body);
        var replyAddress = await bus.ReceiveRequestAsync("nobody.listens");
        await bus.SendMessagesAsync($$$"""{"address":"{{{replyAddress}}}","failureCode":-1,"failureType":"NO_HANDLERS","message":"No handlers for address nobody.listens"}""");

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => request);
        Assert.Equal(-1, error.Code);
        Assert.Equal("NO_HANDLERS", error.FailureType);
        Assert.Contains("nobody.listens", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access_denied", true)]
    [InlineData("not_logged_in", true)]
    [InlineData("auth_error", true)]
    [InlineData("rejected", true)]
    [InlineData("invalid_json", false)]
    [InlineData("missing_address", false)]
    [InlineData("max_handlers_reached", false)]
    public async Task A_bridge_error_fails_the_pending_request_at_once_naming_its_address_and_raises_the_event(string bridgeError, bool refusal)
    {
        await using var bus = await InMemoryBus.StartAsync();
        var errors = new List<string>();
        bus.Connection.BridgeError += (_, e) => errors.Add(e.Error);

        var request = bus.Connection.RequestElementAsync("forbidden", Body, TimeSpan.FromSeconds(30));
        await bus.ReceiveRequestAsync("forbidden");
        await bus.SendMessagesAsync($$$"""{"type":"err","body":"{{{bridgeError}}}"}""");

        // At once: the clock stands still, so no timeout is involved.
        var error = await Assert.ThrowsAsync<KiwigridBridgeException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"The event-bus bridge refused the request to 'forbidden': {bridgeError}.", error.Message);
        Assert.Equal("forbidden", error.Address);
        Assert.Equal(bridgeError, error.Error);
        Assert.Equal(refusal, error.IsRefusal);
        Assert.Equal([bridgeError], errors);

        // The session goes on.
        var probe = bus.Connection.RequestElementAsync("probe", Body);
        await bus.SendMessagesAsync($$$"""{"address":"{{{await bus.ReceiveRequestAsync("probe")}}}","body":{}}""");
        await probe;
        Assert.False(bus.Connection.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_bridge_error_fails_every_pending_request_each_naming_its_own_address()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var devices = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.ReceiveRequestAsync("deviceservice");
        var users = bus.Connection.RequestElementAsync("userservice", Body);
        await bus.ReceiveRequestAsync("userservice");
        await bus.SendMessagesAsync("""{"type":"err","body":"access_denied"}""");

        var first = await Assert.ThrowsAsync<KiwigridBridgeException>(() => devices.WaitAsync(TimeSpan.FromSeconds(10)));
        var second = await Assert.ThrowsAsync<KiwigridBridgeException>(() => users.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("deviceservice", first.Address);
        Assert.Equal("userservice", second.Address);
        Assert.Contains("one of 2 pending requests (access_denied)", first.Message, StringComparison.Ordinal);
        Assert.Contains("'userservice'", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_times_out_exactly_after_its_timeout_and_a_late_reply_is_dropped()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var request = bus.Connection.RequestElementAsync("deviceservice", Body, TimeSpan.FromSeconds(10));
        var replyAddress = await bus.ReceiveRequestAsync("deviceservice");
        bus.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        await Task.Yield();
        Assert.False(request.IsCompleted);

        bus.Time.Advance(TimeSpan.FromTicks(1));
        var error = await Assert.ThrowsAsync<KiwigridTimeoutException>(() => request);
        Assert.Contains("'deviceservice' within 10 s", error.Message, StringComparison.Ordinal);

        await bus.SendMessagesAsync($$$"""{"address":"{{{replyAddress}}}","body":{"late":true}}""");
        var next = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.SendMessagesAsync($$$"""{"address":"{{{await bus.ReceiveRequestAsync("deviceservice")}}}","body":{"late":false}}""");
        Assert.False((await next).GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task The_default_request_timeout_comes_from_the_options()
    {
        await using var bus = await InMemoryBus.StartAsync(o => o with { RequestTimeout = TimeSpan.FromSeconds(3) });

        var request = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.ReceiveRequestAsync("deviceservice");
        bus.Time.Advance(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<KiwigridTimeoutException>(() => request);
    }

    [Fact]
    public async Task Caller_cancellation_is_a_cancellation_not_a_timeout()
    {
        await using var bus = await InMemoryBus.StartAsync();
        using var cancel = new CancellationTokenSource();

        var request = bus.Connection.RequestElementAsync("deviceservice", Body, cancellationToken: cancel.Token);
        await bus.ReceiveRequestAsync("deviceservice");
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task A_silent_server_is_declared_dead_after_the_silence_timeout_and_fails_pending_requests()
    {
        await using var bus = await InMemoryBus.StartAsync(o => o with { RequestTimeout = TimeSpan.FromHours(1) });
        var silence = bus.Options.ServerSilenceTimeout;

        // Heartbeats and replies keep the connection alive for far longer than the silence timeout.
        for (var round = 0; round < 3; round++)
        {
            bus.Time.Advance(silence - TimeSpan.FromMilliseconds(1));
            await bus.Socket.SendAsync("h");
            var alive = bus.Connection.RequestElementAsync("probe", Body);
            await bus.SendMessagesAsync($$$"""{"address":"{{{await bus.ReceiveRequestAsync("probe")}}}","body":{}}""");
            await alive;
        }

        var pending = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.ReceiveRequestAsync("deviceservice");
        bus.Time.Advance(silence);

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Connection.Completion);
        Assert.Equal("No data from the server for 60 s; the event-bus connection counts as dead.", error.Message);
        Assert.Same(error, await Assert.ThrowsAsync<KiwigridConnectionException>(() => pending));
    }

    [Fact]
    public async Task A_close_frame_fails_every_pending_request_at_once_with_its_code_and_reason()
    {
        await using var bus = await InMemoryBus.StartAsync();
        var pending = Enumerable.Range(0, 3).Select(_ => bus.Connection.RequestElementAsync("deviceservice", Body)).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            await bus.ReceiveRequestAsync("deviceservice");
        }

        await bus.Socket.SendAsync("""c[3000,"Go away!"]""");

        foreach (var request in pending)
        {
            var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => request);
            Assert.Equal(3000, error.CloseCode);
            Assert.Equal("Go away!", error.CloseReason);
        }

        var ended = await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Connection.Completion);
        Assert.Equal(3000, ended.CloseCode);
        await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Connection.RequestElementAsync("deviceservice", Body));
    }

    [Fact]
    public async Task A_message_split_across_many_receives_is_reassembled()
    {
        await using var bus = await InMemoryBus.StartAsync();
        var large = new string('€', 70_000); // 210 kB of UTF-8: beyond the first receive buffer, and cut inside characters

        var request = bus.Connection.RequestElementAsync("deviceservice", Body);
        var replyAddress = await bus.ReceiveRequestAsync("deviceservice");
        await bus.Socket.SendFragmentedAsync(InMemoryBus.MessagesFrame($$$"""{"address":"{{{replyAddress}}}","body":{"text":"{{{large}}}"}}"""), 1000);

        Assert.Equal(large, (await request).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_frame_with_many_messages_delivers_each()
    {
        await using var bus = await InMemoryBus.StartAsync();
        await using var events = bus.Connection.SubscribeAsync("events").GetAsyncEnumerator();
        var next = events.MoveNextAsync();
        Assert.Equal("register", (await bus.ReceiveMessageAsync())["type"]!.GetValue<string>());
        var first = bus.Connection.RequestElementAsync("deviceservice", Body);
        var second = bus.Connection.RequestElementAsync("deviceservice", Body);
        var firstAddress = await bus.ReceiveRequestAsync("deviceservice");
        var secondAddress = await bus.ReceiveRequestAsync("deviceservice");

        await bus.SendMessagesAsync(
            $$$"""{"address":"{{{secondAddress}}}","body":{"n":2}}""",
            """{"type":"rec","address":"events","body":{"event":"tick"}}""",
            $$$"""{"type":"rec","address":"{{{firstAddress}}}","body":{"n":1}}""");

        Assert.Equal(1, (await first).GetProperty("n").GetInt32());
        Assert.Equal(2, (await second).GetProperty("n").GetInt32());
        Assert.True(await next);
        Assert.Equal("tick", events.Current.GetProperty("event").GetString());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_ends_the_connection_with_a_protocol_error()
    {
        await using var bus = await InMemoryBus.StartAsync(o => o with { MaxMessageBytes = 1024 });
        var request = bus.Connection.RequestElementAsync("deviceservice", Body);
        var replyAddress = await bus.ReceiveRequestAsync("deviceservice");
        var atLimit = Padded($$$"""{"address":"{{{replyAddress}}}","body":{"p":"#"}}""", 1024);

        await bus.Socket.SendFragmentedAsync(atLimit, 100);
        Assert.Equal(JsonValueKind.String, (await request).GetProperty("p").ValueKind);

        var pending = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.Socket.SendFragmentedAsync(Padded("""{"address":"x","body":{"p":"#"}}""", 1025), 100);

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => bus.Connection.Completion);
        Assert.Contains("larger than the limit of 1024 bytes", error.Message, StringComparison.Ordinal);
        var failed = await Assert.ThrowsAsync<KiwigridConnectionException>(() => pending);
        Assert.Same(error, failed.InnerException);

        static string Padded(string message, int frameBytes)
        {
            var frame = InMemoryBus.MessagesFrame(message);
            return frame.Replace("#", new string('x', frameBytes - frame.Length + 1), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_frame_ends_the_connection_with_a_protocol_error()
    {
        await using var bus = await InMemoryBus.StartAsync();
        var pending = bus.Connection.RequestElementAsync("deviceservice", Body);

        await bus.Socket.SendAsync("a[\"{broken\"]");

        await Assert.ThrowsAsync<KiwigridProtocolException>(() => bus.Connection.Completion);
        await Assert.ThrowsAsync<KiwigridConnectionException>(() => pending);
    }

    [Fact]
    public async Task A_subscription_registers_once_receives_and_unregisters_when_the_last_reader_leaves()
    {
        await using var bus = await InMemoryBus.StartAsync();

        var first = bus.Connection.SubscribeAsync("events").GetAsyncEnumerator();
        var firstNext = first.MoveNextAsync();
        Assert.Equal("""["{\"type\":\"register\",\"address\":\"events\"}"]""", await bus.Socket.ReceiveAsync());
        var second = bus.Connection.SubscribeAsync("events").GetAsyncEnumerator();
        var secondNext = second.MoveNextAsync();

        await bus.SendMessagesAsync("""{"type":"rec","address":"events","body":{"n":1}}""");
        Assert.True(await firstNext);
        Assert.True(await secondNext);
        Assert.Equal(1, first.Current.GetProperty("n").GetInt32());
        Assert.Equal(1, second.Current.GetProperty("n").GetInt32());

        await first.DisposeAsync();
        // Still one reader: no unregister yet, so the next frame is this request.
        _ = bus.Connection.RequestElementAsync("probe", Body);
        Assert.Equal("probe", (await bus.ReceiveMessageAsync())["address"]!.GetValue<string>());

        await second.DisposeAsync();
        Assert.Equal("""["{\"type\":\"unregister\",\"address\":\"events\"}"]""", await bus.Socket.ReceiveAsync());
    }

    [Fact]
    public async Task A_subscription_validates_its_address_before_enumerating()
    {
        await using var bus = await InMemoryBus.StartAsync();

        Assert.Throws<ArgumentException>(() => bus.Connection.SubscribeAsync(""));
        Assert.Throws<ArgumentNullException>(() => bus.Connection.SubscribeAsync(null!));
    }

    [Fact]
    public async Task A_lost_connection_ends_subscriptions_with_the_reason()
    {
        await using var bus = await InMemoryBus.StartAsync();
        await using var events = bus.Connection.SubscribeAsync("events").GetAsyncEnumerator();
        var next = events.MoveNextAsync();
        await bus.ReceiveMessageAsync();

        await bus.Socket.SendAsync("""c[3000,"Go away!"]""");

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(async () => await next);
        Assert.Equal(3000, error.CloseCode);
    }

    [Fact]
    public async Task Publish_sends_type_address_and_body()
    {
        await using var bus = await InMemoryBus.StartAsync();

        await bus.Connection.PublishAsync("deviceservice", new JsonObject { ["fireAndForget"] = true });

        Assert.Equal("""["{\"type\":\"publish\",\"address\":\"deviceservice\",\"body\":{\"fireAndForget\":true}}"]""", await bus.Socket.ReceiveAsync());
    }

    [Fact]
    public async Task Disposing_completes_the_connection_and_fails_what_was_pending()
    {
        var bus = await InMemoryBus.StartAsync();
        var pending = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.ReceiveRequestAsync("deviceservice");

        await bus.DisposeAsync();

        await bus.Connection.Completion;
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => pending);
        Assert.Contains("closed by the client", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => bus.Connection.RequestElementAsync("deviceservice", Body));
    }

    [Fact]
    public async Task Arguments_are_validated()
    {
        await using var bus = await InMemoryBus.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => bus.Connection.RequestElementAsync("", Body));
        await Assert.ThrowsAsync<ArgumentNullException>(() => bus.Connection.RequestElementAsync("a", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => bus.Connection.RequestElementAsync("a", Body, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => bus.Connection.PublishAsync("", Body));
    }
}
