using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// One SockJS session over a WebSocket: waits for the open frame, then reads frames in a loop and hands every
/// message to the layer above; sends messages one writer at a time; declares the server dead when it sends nothing,
/// not even a heartbeat, for <see cref="SockJsSettings.ServerSilenceTimeout"/>. However the session ends —
/// disposed, closed by the server, broken by a bad frame, a silent server, a cancelled connect — the socket is closed
/// with a WebSocket close handshake while it is still open, within <see cref="CloseHandshakeTimeout"/>, and aborted
/// only after that.
/// </summary>
internal sealed class SockJsConnection : IAsyncDisposable
{
    /// <summary>
    /// How long a close may take: our close frame out and the server's back. Real time rather than the options'
    /// clock, as it guards the transport: a test's frozen clock must not hold a close forever.
    /// </summary>
    internal static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(1);

    private const int InitialReceiveBufferBytes = 16 * 1024;

    // Stands for "closed by the client" in _endReason, which keeps the first reason only.
    private static readonly Exception ClosedByClient = new OperationCanceledException("The event-bus connection was closed by the client.");

    private readonly WebSocket _socket;
    private readonly SockJsSettings _options;
    private readonly ILogger _logger;
    private readonly ITimer _silenceTimer;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _frameBuffer = new(); // guarded by _writeGate
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _closeGate = new();
    private byte[] _receiveBuffer = new byte[InitialReceiveBufferBytes];
    private Exception? _endReason;
    private Task? _reader; // whatever receives from the socket: the wait for the open frame, then the read loop
    private Task? _closing; // guarded by _closeGate
    private bool _receivedTooMuch;
    private int _disposed;

    private SockJsConnection(WebSocket socket, SockJsSettings options)
    {
        _socket = socket;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<SockJsConnection>();
        _silenceTimer = options.TimeProvider.CreateTimer(
            static state => ((SockJsConnection)state!).OnServerSilent(), this, options.ServerSilenceTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Completes when the session ends: successfully when we closed it, faulted with the reason as soon as it failed
    /// (the close handshake may still be under way then).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Opens the WebSocket and waits for the server's open frame.</summary>
    /// <exception cref="KiwigridConnectionException">The socket could not be opened or the server ended the session.</exception>
    /// <exception cref="KiwigridProtocolException">The server's first frame was not the open frame.</exception>
    public static async Task<SockJsConnection> ConnectAsync(SockJsSettings options, CookieContainer cookies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cookies);
        var uri = SockJsSessionUri.Create(options.EventBusUri);
        var connector = options.WebSocketConnector
            ?? ((address, jar, cancel) => ClientWebSocketConnector.ConnectAsync(address, jar, options.HttpMessageHandler, cancel));
        options.LoggerFactory.CreateLogger<SockJsConnection>().Opening(uri);
        WebSocket socket;
        try
        {
            socket = await connector(uri, cookies, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            throw new KiwigridConnectionException($"Could not open the event-bus WebSocket {uri}: {e.Message}", e);
        }

        var connection = new SockJsConnection(socket, options);
        try
        {
            await connection.ReceiveOpenFrameAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        connection._logger.Opened(uri);
        return connection;
    }

    /// <summary>Starts the read loop; <paramref name="onMessage"/> runs on it for every message, in order.</summary>
    /// <remarks>
    /// A message's memory is valid until <paramref name="onMessage"/> returns. An exception from
    /// <paramref name="onMessage"/> ends the session with that exception.
    /// </remarks>
    public void Start(Action<ReadOnlyMemory<byte>> onMessage) => Volatile.Write(ref _reader, ReadLoopAsync(onMessage));

    /// <summary>Sends one message (UTF-8 JSON) as a SockJS frame.</summary>
    /// <param name="message">The message; encoded before this returns.</param>
    /// <param name="cancellationToken">Cancels waiting for other writers; a frame once started is always finished.</param>
    /// <exception cref="KiwigridConnectionException">The session has ended.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the frame was started; the session goes on.</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ThrowIfEnded();

        // Nothing is sent while waiting here, so a cancellation leaves the session as it was.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            _frameBuffer.ResetWrittenCount();
            SockJsFrameEncoder.WriteFrame(message.Span, _frameBuffer);
            // Not the caller's token: a frame cut off half-way would abort the whole WebSocket.
            await _socket.SendAsync(_frameBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            var reason = Fail(new KiwigridConnectionException($"Could not send to the event bus: {e.Message}", e));
            _ = StartClose(WebSocketCloseStatus.EndpointUnavailable, onReader: false);
            throw AsConnectionException(reason);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Ends the session: sends a WebSocket close frame and waits for the server's (both within
    /// <see cref="CloseHandshakeTimeout"/>), then releases the socket.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        End(null);
        await StartClose(WebSocketCloseStatus.NormalClosure, onReader: false).ConfigureAwait(false);
        await _silenceTimer.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _logger.ClosedByClient();
        _completion.TrySetResult();
    }

    private async Task ReceiveOpenFrameAsync(CancellationToken cancellationToken)
    {
        // Not cancelled with the caller's token, which would abort the socket: on cancellation the dispose that
        // follows closes it politely, and this receive takes the server's answer to that close.
        var receiving = ReceiveMessageAsync();
        Volatile.Write(ref _reader, receiving);
        try
        {
            var length = await receiving.WaitAsync(cancellationToken).ConfigureAwait(false);
            var frame = SockJsFrameDecoder.Decode(_receiveBuffer.AsSpan(0, length));
            switch (frame.Type)
            {
                case SockJsFrameType.Open:
                    return;
                case SockJsFrameType.Close:
                    throw ServerClosed(frame);
                default:
                    throw new KiwigridProtocolException($"The server's first SockJS frame was a {frame.Type} frame, not the open frame 'o'.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The receive ends with the close, in failure; nobody else may be left to observe that.
            _ = receiving.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is not KiwigridException)
        {
            throw AsConnectionException(End(e));
        }
        catch (KiwigridException e)
        {
            throw End(e) ?? e;
        }
    }

    private async Task ReadLoopAsync(Action<ReadOnlyMemory<byte>> onMessage)
    {
        try
        {
            while (true)
            {
                var length = await ReceiveMessageAsync().ConfigureAwait(false);
                var frame = SockJsFrameDecoder.Decode(_receiveBuffer.AsSpan(0, length));
                if (Volatile.Read(ref _endReason) is not null)
                {
                    // Ended, and waiting for the server's close: an ended session hands nothing on.
                    frame.ReturnMessages();
                    continue;
                }

                switch (frame.Type)
                {
                    case SockJsFrameType.Messages:
                        HandOn(frame, onMessage);
                        break;
                    case SockJsFrameType.Heartbeat:
                        _logger.Heartbeat();
                        break;
                    case SockJsFrameType.Close:
                        throw ServerClosed(frame);
                    default:
                        throw new KiwigridProtocolException("The server sent a second SockJS open frame in an open session.");
                }
            }
        }
        catch (Exception e)
        {
            // Socket failures go up as connection errors: Completion and every caller see only Kiwigrid exceptions.
            Fail(e is KiwigridException ? e : new KiwigridConnectionException($"The event-bus connection was lost: {e.Message}", e));
            if (TryStartClose(CloseStatusFor(e), onReader: true, out var closing))
            {
                await closing.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Hands each message to <paramref name="onMessage"/>, which reads it before it returns (or copies what it keeps),
    /// then gives the frame's memory back.
    /// </summary>
    private static void HandOn(SockJsFrame frame, Action<ReadOnlyMemory<byte>> onMessage)
    {
        try
        {
            foreach (var message in frame.Messages)
            {
                onMessage(message);
            }
        }
        finally
        {
            frame.ReturnMessages();
        }
    }

    /// <summary>Reads one whole WebSocket message into <see cref="_receiveBuffer"/>; returns its length.</summary>
    private async Task<int> ReceiveMessageAsync()
    {
        var count = 0;
        while (true)
        {
            if (count == _receiveBuffer.Length)
            {
                // Room for one byte more than allowed, so an oversize message is seen as such.
                var larger = new byte[(int)Math.Min(_receiveBuffer.Length * 2L, _options.MaxMessageBytes + 1L)];
                _receiveBuffer.AsSpan(0, count).CopyTo(larger);
                _receiveBuffer = larger;
            }

            var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(count), _stop.Token).ConfigureAwait(false);
            _silenceTimer.Change(_options.ServerSilenceTimeout, Timeout.InfiniteTimeSpan);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new KiwigridConnectionException(
                    $"The server closed the WebSocket without a SockJS close frame ({_socket.CloseStatus} {_socket.CloseStatusDescription}).");
            }

            count += result.Count;
            if (count > _options.MaxMessageBytes)
            {
                _receivedTooMuch = true;
                throw new KiwigridProtocolException(
                    $"The server sent a WebSocket message larger than the limit of {_options.MaxMessageBytes} bytes.");
            }

            if (result.EndOfMessage)
            {
                return count;
            }
        }
    }

    private void OnServerSilent()
    {
        var seconds = _options.ServerSilenceTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        Fail(new KiwigridConnectionException($"No data from the server for {seconds} s; the event-bus connection counts as dead."));
        _ = StartClose(WebSocketCloseStatus.EndpointUnavailable, onReader: false);
    }

    private KiwigridConnectionException ServerClosed(SockJsFrame frame)
    {
        _logger.ServerClosed(frame.CloseCode, frame.CloseReason);
        return new KiwigridConnectionException(
            $"The server closed the event-bus session: {frame.CloseCode} {frame.CloseReason}", frame.CloseCode, frame.CloseReason);
    }

    /// <summary>The WebSocket close status that tells the server why the read loop ended the session.</summary>
    private WebSocketCloseStatus CloseStatusFor(Exception reason) => reason switch
    {
        KiwigridProtocolException when _receivedTooMuch => WebSocketCloseStatus.MessageTooBig,
        KiwigridProtocolException => WebSocketCloseStatus.ProtocolError,

        // The server's WebSocket close: answered with its own status, as RFC 6455 has it.
        KiwigridConnectionException when _socket.State == WebSocketState.CloseReceived
            => _socket.CloseStatus is { } status and not WebSocketCloseStatus.Empty ? status : WebSocketCloseStatus.NormalClosure,

        // A SockJS close frame: the server ends the session and closes the socket next.
        KiwigridConnectionException { CloseCode: not null } => WebSocketCloseStatus.NormalClosure,
        _ => WebSocketCloseStatus.EndpointUnavailable,
    };

    /// <summary>
    /// Records why the session ended — the first reason wins; null means we closed it. Returns the reason that won
    /// (null for a close by us). Does not touch the socket: closing it is <see cref="StartClose"/>'s.
    /// </summary>
    private Exception? End(Exception? reason)
    {
        var winner = Interlocked.CompareExchange(ref _endReason, reason ?? ClosedByClient, null) ?? reason ?? ClosedByClient;
        return ReferenceEquals(winner, ClosedByClient) ? null : winner;
    }

    /// <summary>Ends the session with a failure: when it is the first reason, <see cref="Completion"/> faults with it at once.</summary>
    private Exception? Fail(Exception reason)
    {
        var winner = End(reason);
        if (ReferenceEquals(winner, reason))
        {
            _logger.Failed(reason.Message);
            _completion.TrySetException(reason);
        }

        return winner;
    }

    private Task StartClose(WebSocketCloseStatus status, bool onReader)
    {
        TryStartClose(status, onReader, out var closing);
        return closing;
    }

    /// <summary>Starts the close handshake, once; true when this call started it (<paramref name="closing"/> is it either way).</summary>
    /// <param name="status">What the close frame says.</param>
    /// <param name="onReader">Whether the caller is the reader, so the close must read the server's close frame itself.</param>
    /// <param name="closing">The close under way.</param>
    private bool TryStartClose(WebSocketCloseStatus status, bool onReader, out Task closing)
    {
        lock (_closeGate)
        {
            if (_closing is { } started)
            {
                closing = started;
                return false;
            }

            // Run elsewhere, so nothing of it runs under the lock or on a timer's thread.
            closing = _closing = Task.Run(() => CloseSocketAsync(status, onReader));
            return true;
        }
    }

    /// <summary>
    /// The close handshake: waits for a frame being written to be finished, sends the close frame while the socket is
    /// open, waits for the server's, then stops all I/O. Never throws; the whole of it takes at most
    /// <see cref="CloseHandshakeTimeout"/>.
    /// </summary>
    private async Task CloseSocketAsync(WebSocketCloseStatus status, bool onReader)
    {
        using var budget = new CancellationTokenSource(CloseHandshakeTimeout);
        try
        {
            // A close frame in the middle of another frame would break the framing.
            await _writeGate.WaitAsync(budget.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(status, null, budget.Token).ConfigureAwait(false);
                    _logger.CloseSent((int)status);
                }
            }
            finally
            {
                _writeGate.Release();
            }

            if (_socket.State == WebSocketState.CloseSent)
            {
                // The server's close frame goes to whoever is receiving; with nobody receiving, read it here.
                var reader = Volatile.Read(ref _reader);
                if (onReader || reader is null || reader.IsCompleted)
                {
                    await ReceiveUntilCloseAsync(budget.Token).ConfigureAwait(false);
                }
                else
                {
                    await WaitQuietlyAsync(reader, budget.Token).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // Closing is best effort: a peer that is gone or slow ends it, nothing else must.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.CloseIncomplete(e.Message);
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _socket.Abort();
        }
    }

    private async Task ReceiveUntilCloseAsync(CancellationToken cancellationToken)
    {
        var scratch = new byte[1024];
        while ((await _socket.ReceiveAsync(scratch.AsMemory(), cancellationToken).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    /// <summary>Waits for the reader to end; its own failure (the server's close, a lost socket) is the expected end.</summary>
    private static async Task WaitQuietlyAsync(Task reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (reader.IsCompleted)
        {
        }
    }

    private void ThrowIfEnded()
    {
        var reason = Volatile.Read(ref _endReason);
        if (reason is not null)
        {
            throw AsConnectionException(ReferenceEquals(reason, ClosedByClient) ? null : reason);
        }
    }

    private static KiwigridConnectionException AsConnectionException(Exception? reason) => reason switch
    {
        null => new KiwigridConnectionException("The event-bus connection was closed by the client."),
        KiwigridConnectionException connection => connection,
        _ => new KiwigridConnectionException($"The event-bus connection was lost: {reason.Message}", reason),
    };
}
