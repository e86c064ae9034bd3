using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Bus;

/// <summary>
/// One SockJS session over a WebSocket: sends <c>o</c> at once and <c>h</c> every heartbeat interval, hands each
/// incoming message to the bridge, and ends the session with <c>c[3000,"Go away!"]</c> when the client stops pinging.
/// All frames go out through one queue and one writer, so timers and replies never interleave on the socket.
/// </summary>
internal sealed class SockJsSession : IBusConnection, IDisposable
{
    /// <summary>How long to wait for the client's half of the close handshake (transport guard, real time).</summary>
    private static readonly TimeSpan CloseHandshakeGrace = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly EventBusBridge _bridge;
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _heartbeat;
    private readonly ITimer _pingWatch;
    private readonly CancellationTokenSource _receiving = new();
    private int _closing;

    public SockJsSession(WebSocket socket, EventBusBridge bridge, EmulatorOptions options, ILogger logger, string id)
    {
        _socket = socket;
        _bridge = bridge;
        _options = options;
        _logger = logger;
        Id = id;
        _heartbeat = options.TimeProvider.CreateTimer(_ => Enqueue(new Outgoing(SockJsFrames.Heartbeat)), null, options.HeartbeatInterval, options.HeartbeatInterval);
        _pingWatch = options.TimeProvider.CreateTimer(_ => Close(null, "no ping within the ping timeout"), null, options.PingTimeout, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public void Deliver(JsonObject envelope) =>
        Enqueue(new Outgoing(SockJsFrames.Messages([envelope.ToJsonString(JsonResponse.Relaxed)])));

    public void Pinged() => _pingWatch.Change(_options.PingTimeout, Timeout.InfiniteTimeSpan);

    /// <summary>The server is stopping: close as SockJS servers do, with <c>c[3000,"Go away!"]</c>.</summary>
    public void Shutdown() => Close(null, "server stopping");

    public async Task RunAsync(CancellationToken aborted)
    {
        BusLog.Opened(_logger, Id);
        Enqueue(new Outgoing(SockJsFrames.Open));
        var writer = WriteAsync(aborted);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(aborted, _receiving.Token);
        var reason = "client closed";
        try
        {
            reason = await ReceiveAsync(receiving.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            reason = "connection lost";
        }
        finally
        {
            _bridge.Disconnected(this);
            await _heartbeat.DisposeAsync().ConfigureAwait(false);
            await _pingWatch.DisposeAsync().ConfigureAwait(false);
            _outgoing.Writer.TryComplete();
        }

        await writer.ConfigureAwait(false);
        BusLog.Closed(_logger, Id, reason);
    }

    public void Dispose() => _receiving.Dispose();

    /// <summary>Reads messages until the client closes or breaks the protocol; returns why it stopped.</summary>
    private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Close(null, "client closed");
                return "client closed";
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > _options.MaxIncomingMessageBytes)
            {
                Close(new(WebSocketCloseStatus.MessageTooBig, "Message too big."), "message too big");
                return "message larger than " + _options.MaxIncomingMessageBytes + " bytes";
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            var messages = result.MessageType == WebSocketMessageType.Text
                ? SockJsFrames.ParseClientFrame(message.GetBuffer().AsSpan(0, (int)message.Length))
                : null;
            if (messages is null)
            {
                // As sockjs-node: close the WebSocket with 3000 "Broken framing.", without a SockJS close frame.
                Close(new((WebSocketCloseStatus)3000, "Broken framing."), "broken framing");
                return "broken framing";
            }

            foreach (var text in messages)
            {
                _bridge.Handle(this, text);
            }

            message.SetLength(0);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (frame.Close is { } close)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(close.Status, close.Description, cancellationToken).ConfigureAwait(false);
                    }

                    // Give the client a moment to answer the close, then stop reading regardless.
                    _receiving.CancelAfter(CloseHandshakeGrace);
                    return;
                }

                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.SendAsync(Encoding.UTF8.GetBytes(frame.Text!), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is gone; nothing left to write to.
        }
    }

    /// <summary>
    /// Ends the session once. Without an explicit WebSocket status this is a SockJS close: <c>c[3000,"Go away!"]</c>
    /// followed by a normal WebSocket closure.
    /// </summary>
    private void Close(CloseRequest? close, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        if (close is null && reason != "client closed")
        {
            _outgoing.Writer.TryWrite(new Outgoing(SockJsFrames.GoAway));
        }

        _outgoing.Writer.TryWrite(new Outgoing(null, close ?? new(WebSocketCloseStatus.NormalClosure, "Normal closure")));
        _outgoing.Writer.TryComplete();
    }

    private void Enqueue(Outgoing frame)
    {
        if (Volatile.Read(ref _closing) == 0)
        {
            _outgoing.Writer.TryWrite(frame);
        }
    }

    private readonly record struct CloseRequest(WebSocketCloseStatus Status, string Description);

    private sealed record Outgoing(string? Text, CloseRequest? Close = null);
}
