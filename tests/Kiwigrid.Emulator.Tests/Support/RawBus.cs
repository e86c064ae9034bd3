using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>A bare SockJS WebSocket to the emulator's bus: raw frames in, raw frames out, no client library.</summary>
internal sealed class RawBus : IAsyncDisposable
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();

    private RawBus()
    {
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Connects to <c>/kiwibus/1/1/websocket</c> and reads the <c>o</c> frame.</summary>
    public static async Task<RawBus> ConnectAsync(KiwigridEmulator emulator, string path = "/kiwibus/1/1/websocket")
    {
        var bus = new RawBus();
        var uri = new UriBuilder(new Uri(emulator.BaseUri, path)) { Scheme = "ws" }.Uri;
        await bus._socket.ConnectAsync(uri, CancellationToken.None);
        Assert.Equal("o", await bus.ReceiveAsync());
        return bus;
    }

    public Task SendFrameAsync(string frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends one event-bus message framed exactly as the Vert.x client does.</summary>
    public Task SendMessageAsync(JsonObject message) =>
        SendFrameAsync(new JsonArray(message.ToJsonString()).ToJsonString());

    public Task SendRequestAsync(string address, string replyAddress, JsonObject body) =>
        SendMessageAsync(new JsonObject { ["type"] = "send", ["address"] = address, ["replyAddress"] = replyAddress, ["body"] = body });

    /// <summary>The next text frame, or null when the server closed the WebSocket.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }

            frame.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(frame.ToArray());
            }
        }
    }

    /// <summary>The next frame that is not a heartbeat, decoded from <c>a[…]</c> into its single message.</summary>
    public async Task<JsonObject> ReceiveMessageAsync()
    {
        string? frame;
        do
        {
            frame = await ReceiveAsync();
        }
        while (frame == "h");

        Assert.NotNull(frame);
        Assert.StartsWith("a[", frame, StringComparison.Ordinal);
        var messages = JsonNode.Parse(frame[1..])!.AsArray();
        return JsonNode.Parse(Assert.Single(messages)!.GetValue<string>())!.AsObject();
    }

    /// <summary>Sends a service request and returns the reply's body, checking the Vert.x 2 envelope on the way.</summary>
    public async Task<JsonObject> RequestAsync(string address, JsonObject body)
    {
        var replyAddress = Guid.NewGuid().ToString();
        await SendRequestAsync(address, replyAddress, body);
        var reply = await ReceiveMessageAsync();
        Assert.Equal(replyAddress, reply["address"]!.GetValue<string>());
        return reply["body"]!.AsObject();
    }

    public static JsonObject ServiceBody(string? token, string action, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["action"] = action, ["params"] = parameters ?? [] };
        if (token is not null)
        {
            body["accessToken"] = token;
        }

        return body;
    }

    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, new CancellationTokenSource(FrameTimeout).Token);
            }
            catch (WebSocketException)
            {
                // The server went first.
            }
        }

        _socket.Dispose();
    }
}
