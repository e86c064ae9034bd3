using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Tests.SockJs;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.EventBus;

/// <summary>
/// An <see cref="EventBusConnection"/> connected over an in-memory WebSocket to a server the test scripts frame by
/// frame, on a <see cref="FakeTimeProvider"/>: every timeout, ping and silence is driven by advancing the clock.
/// </summary>
internal sealed class InMemoryBus : IAsyncDisposable
{
    public const string PingFrame = """["{\"type\":\"ping\"}"]""";

    private InMemoryBus(KiwigridClientOptions options, FakeTimeProvider time, InMemoryWebSocketPair socket, EventBusConnection connection)
    {
        Options = options;
        Time = time;
        Socket = socket;
        Connection = connection;
    }

    public KiwigridClientOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryWebSocketPair Socket { get; }

    public EventBusConnection Connection { get; }

    /// <summary>Connects, answers with the open frame and consumes the first ping.</summary>
    public static async Task<InMemoryBus> StartAsync(Func<KiwigridClientOptions, KiwigridClientOptions>? configure = null)
    {
        var time = new FakeTimeProvider();
        var socket = new InMemoryWebSocketPair();
        var options = new KiwigridClientOptions
        {
            EventBusUri = new Uri("http://127.0.0.1:1/kiwibus"),
            TimeProvider = time,
            WebSocketConnector = socket.ConnectAsync,
        };
        options = configure?.Invoke(options) ?? options;
        var connecting = EventBusConnection.ConnectAsync(options, new CookieContainer());
        await socket.SendAsync("o");
        var connection = await connecting;
        Assert.Equal(PingFrame, await socket.ReceiveAsync());
        return new InMemoryBus(options, time, socket, connection);
    }

    /// <summary>The next message the client sent, skipping pings.</summary>
    public async Task<JsonObject> ReceiveMessageAsync()
    {
        while (true)
        {
            var frame = await Socket.ReceiveAsync();
            if (frame != PingFrame)
            {
                return JsonNode.Parse(JsonNode.Parse(frame)![0]!.GetValue<string>())!.AsObject();
            }
        }
    }

    /// <summary>Receives the client's next <c>send</c> and returns its reply address.</summary>
    public async Task<string> ReceiveRequestAsync(string address)
    {
        var request = await ReceiveMessageAsync();
        Assert.Equal("send", request["type"]!.GetValue<string>());
        Assert.Equal(address, request["address"]!.GetValue<string>());
        return request["replyAddress"]!.GetValue<string>();
    }

    public Task SendMessagesAsync(params string[] messages) => Socket.SendAsync(MessagesFrame(messages));

    /// <summary>An <c>a[…]</c> frame holding <paramref name="messages"/> as JSON strings, raw UTF-8 like sockjs-node.</summary>
    public static string MessagesFrame(params string[] messages)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
        }

        return "a" + Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Disposes the connection while the server answers its close frame, as a real server does.</summary>
    public async ValueTask DisposeAsync()
    {
        var answering = Socket.Server.State == System.Net.WebSockets.WebSocketState.Open ? Socket.AnswerCloseAsync() : Task.FromResult<System.Net.WebSockets.WebSocketCloseStatus?>(null);
        await Connection.DisposeAsync();
        await answering;
        Socket.Dispose();
    }
}
