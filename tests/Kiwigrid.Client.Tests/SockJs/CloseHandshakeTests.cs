using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Tests.EventBus;
using Kiwigrid.Client.Tests.Local;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.SockJs;

/// <summary>
/// However a session ends, the server gets a WebSocket close frame before the socket goes (Vert.x logs
/// "Unhandled exception … Connection was closed" for every socket that ends without one), and the close is bounded.
/// </summary>
public sealed class CloseHandshakeTests
{
    private static readonly JsonObject Body = new() { ["action"] = "getDevices" };

    [Fact]
    public async Task Disposing_sends_a_close_frame_that_a_real_server_receives_and_answers()
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/kiwibus/{server}/{session}/websocket", async (HttpContext context) =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                await socket.SendAsync("o"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
                seen.TrySetResult(await ReadUntilCloseAsync(socket));
            });
        });
        var options = new KiwigridClientOptions { EventBusUri = new Uri(server.BaseUri, "/kiwibus") };
        var connection = await EventBusConnection.ConnectAsync(options, new CookieContainer()).WaitAsync(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        await connection.DisposeAsync();

        Assert.Equal("close 1000 after the handshake", await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"closing took {clock.Elapsed}");
        await connection.Completion;
    }

    [Fact]
    public async Task A_server_that_never_answers_the_close_holds_the_dispose_no_longer_than_the_handshake_timeout()
    {
        var (pair, connection) = await ConnectInMemoryAsync();
        using var _ = pair;

        var clock = Stopwatch.StartNew();
        await connection.DisposeAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, global::Kiwigrid.Client.SockJs.SockJsConnection.CloseHandshakeTimeout + TimeSpan.FromSeconds(1));
        var result = await pair.Server.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
    }

    [Fact]
    public async Task A_sockjs_close_frame_from_the_server_is_answered_with_a_websocket_close()
    {
        var (pair, connection) = await ConnectInMemoryAsync();
        using var _ = pair;
        var answering = pair.AnswerCloseAsync();

        await pair.SendAsync("""c[3000,"Go away!"]""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await answering);
        Assert.Equal(3000, (await Assert.ThrowsAsync<KiwigridConnectionException>(() => connection.Completion)).CloseCode);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_websocket_close_from_the_server_is_answered_with_its_own_status()
    {
        var (pair, connection) = await ConnectInMemoryAsync();
        using var _ = pair;

        await pair.Server.CloseOutputAsync((WebSocketCloseStatus)3000, "Broken framing.", CancellationToken.None);
        var answer = await pair.Server.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WebSocketMessageType.Close, answer.MessageType);
        Assert.Equal((WebSocketCloseStatus)3000, answer.CloseStatus);
        Assert.Equal(WebSocketState.Closed, pair.Server.State);
        await Assert.ThrowsAsync<KiwigridConnectionException>(() => connection.Completion);
        await connection.DisposeAsync();
    }

    [Theory]
    [InlineData("x{not a sockjs frame", WebSocketCloseStatus.ProtocolError)]
    [InlineData("o", WebSocketCloseStatus.ProtocolError)]
    [InlineData("a[\"not an event-bus message\"]", WebSocketCloseStatus.ProtocolError)]
    public async Task A_frame_that_breaks_the_protocol_closes_with_protocol_error(string frame, WebSocketCloseStatus expected)
    {
        var (pair, connection) = await ConnectInMemoryAsync();
        using var _ = pair;
        var answering = pair.AnswerCloseAsync();

        await pair.SendAsync(frame);

        Assert.Equal(expected, await answering);
        await Assert.ThrowsAsync<KiwigridProtocolException>(() => connection.Completion);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task An_oversized_message_closes_with_message_too_big()
    {
        var (pair, connection) = await ConnectInMemoryAsync(o => o with { MaxMessageBytes = 1024 });
        using var _ = pair;
        var answering = pair.AnswerCloseAsync();

        await pair.SendAsync("a[\"" + new string('x', 4096) + "\"]");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await answering);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_silent_server_gets_a_close_frame_saying_the_client_goes_away()
    {
        var (pair, connection, clock) = await ConnectInMemoryWithClockAsync();
        using var _ = pair;
        var answering = pair.AnswerCloseAsync();

        clock.Advance(new KiwigridClientOptions().ServerSilenceTimeout);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await answering);
        await Assert.ThrowsAsync<KiwigridConnectionException>(() => connection.Completion);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_connect_cancelled_while_waiting_for_the_open_frame_closes_with_a_close_frame()
    {
        using var pair = new InMemoryWebSocketPair();
        using var cancel = new CancellationTokenSource();
        var options = new KiwigridClientOptions { TimeProvider = new FakeTimeProvider(), WebSocketConnector = pair.ConnectAsync };
        var connecting = EventBusConnection.ConnectAsync(options, new CookieContainer(), cancel.Token);
        var answering = pair.AnswerCloseAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await answering);
    }

    [Fact]
    public async Task A_send_cancelled_while_another_writer_holds_the_socket_leaves_the_session_open()
    {
        await using var bus = await InMemoryBus.StartAsync();

        // Bigger than the pipe holds: this send waits for the server to read, holding the socket for writing.
        var big = bus.Connection.RequestElementAsync("deviceservice", new JsonObject { ["action"] = "mergeDevice", ["blob"] = new string('x', 300_000) });
        using var cancel = new CancellationTokenSource();
        var waiting = bus.Connection.RequestElementAsync("deviceservice", Body, cancellationToken: cancel.Token);
        Assert.False(big.IsCompleted);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(cancel.Token, error.CancellationToken);
        var bigReply = await ReceiveWholeMessageAsync(bus.Socket.Server);
        await bus.SendMessagesAsync($$$"""{"address":"{{{ReplyAddressOf(bigReply)}}}","body":{"ok":true}}""");
        Assert.True((await big).GetProperty("ok").GetBoolean());
        Assert.False(bus.Connection.Completion.IsCompleted);

        var next = bus.Connection.RequestElementAsync("deviceservice", Body);
        await bus.SendMessagesAsync($$$"""{"address":"{{{await bus.ReceiveRequestAsync("deviceservice")}}}","body":{"next":true}}""");
        Assert.True((await next).GetProperty("next").GetBoolean());
    }

    private static async Task<(InMemoryWebSocketPair Pair, EventBusConnection Connection)> ConnectInMemoryAsync(
        Func<KiwigridClientOptions, KiwigridClientOptions>? configure = null)
    {
        var (pair, connection, _) = await ConnectInMemoryWithClockAsync(configure);
        return (pair, connection);
    }

    /// <summary>An open session over an in-memory socket pair; the first ping is already read on the server side.</summary>
    private static async Task<(InMemoryWebSocketPair Pair, EventBusConnection Connection, FakeTimeProvider Clock)> ConnectInMemoryWithClockAsync(
        Func<KiwigridClientOptions, KiwigridClientOptions>? configure = null)
    {
        var pair = new InMemoryWebSocketPair();
        var clock = new FakeTimeProvider();
        var options = new KiwigridClientOptions { TimeProvider = clock, WebSocketConnector = pair.ConnectAsync, PingInterval = TimeSpan.FromHours(1) };
        var connecting = EventBusConnection.ConnectAsync(configure?.Invoke(options) ?? options, new CookieContainer());
        await pair.SendAsync("o");
        var connection = await connecting;
        Assert.Equal(InMemoryBus.PingFrame, await pair.ReceiveAsync());
        return (pair, connection, clock);
    }

    /// <summary>What the server side saw of the end: the close status and whether the handshake completed.</summary>
    private static async Task<string> ReadUntilCloseAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return $"close {(int)result.CloseStatus!} after the handshake";
                }
            }
        }
        catch (WebSocketException e)
        {
            return $"no close frame: {e.WebSocketErrorCode} {e.Message}";
        }
    }

    private static async Task<string> ReceiveWholeMessageAsync(WebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    private static string ReplyAddressOf(string frame) =>
        JsonNode.Parse(JsonNode.Parse(frame)![0]!.GetValue<string>())!["replyAddress"]!.GetValue<string>();
}
