using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// One SockJS session over a WebSocket: waits for the open frame, then reads frames in a loop and hands every
/// message to the layer above; sends messages one writer at a time; declares the server dead when it sends nothing,
/// not even a heartbeat, for <see cref="KiwigridClientOptions.ServerSilenceTimeout"/>.
/// </summary>
internal sealed class SockJsConnection : IAsyncDisposable
{
    private const int InitialReceiveBufferBytes = 16 * 1024;

    // Stands for "closed by the client" in _endReason, which keeps the first reason only.
    private static readonly Exception ClosedByClient = new OperationCanceledException("The event-bus connection was closed by the client.");

    private readonly WebSocket _socket;
    private readonly KiwigridClientOptions _options;
    private readonly ILogger _logger;
    private readonly ITimer _silenceTimer;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _frameBuffer = new(); // guarded by _writeGate
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _receiveBuffer = new byte[InitialReceiveBufferBytes];
    private Exception? _endReason;
    private int _disposed;

    private SockJsConnection(WebSocket socket, KiwigridClientOptions options)
    {
        _socket = socket;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<SockJsConnection>();
        _silenceTimer = options.TimeProvider.CreateTimer(
            static state => ((SockJsConnection)state!).OnServerSilent(), this, options.ServerSilenceTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Completes when the session ends: successfully when we closed it, faulted with the reason otherwise.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Opens the WebSocket and waits for the server's open frame.</summary>
    /// <exception cref="KiwigridConnectionException">The socket could not be opened or the server ended the session.</exception>
    /// <exception cref="KiwigridProtocolException">The server's first frame was not the open frame.</exception>
    public static async Task<SockJsConnection> ConnectAsync(KiwigridClientOptions options, CookieContainer cookies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cookies);
        var uri = SockJsSessionUri.Create(options.EventBusUri);
        var connector = options.WebSocketConnector ?? ClientWebSocketConnector.ConnectAsync;
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
    /// <remarks>An exception from <paramref name="onMessage"/> ends the session with that exception.</remarks>
    public void Start(Action<ReadOnlyMemory<byte>> onMessage) => _ = ReadLoopAsync(onMessage);

    /// <summary>Sends one message (UTF-8 JSON) as a SockJS frame.</summary>
    /// <param name="message">The message; encoded before this returns.</param>
    /// <param name="cancellationToken">Cancels waiting for other writers; a frame once started is always finished.</param>
    /// <exception cref="KiwigridConnectionException">The session has ended.</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ThrowIfEnded();
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
            var reason = End(new KiwigridConnectionException($"Could not send to the event bus: {e.Message}", e));
            throw AsConnectionException(reason);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var closedByUs = End(null) is null;
        if (closedByUs && _socket.State == WebSocketState.Open)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), _options.TimeProvider);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone already; nothing left to tell it.
            }
        }

        _socket.Abort();
        await _silenceTimer.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _logger.ClosedByClient();
        _completion.TrySetResult();
    }

    private async Task ReceiveOpenFrameAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(static state => ((SockJsConnection)state!)._socket.Abort(), this);
        try
        {
            var length = await ReceiveMessageAsync().ConfigureAwait(false);
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
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
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
                switch (frame.Type)
                {
                    case SockJsFrameType.Messages:
                        foreach (var message in frame.Messages)
                        {
                            onMessage(message);
                        }

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
            var reason = End(e is KiwigridException ? e : new KiwigridConnectionException($"The event-bus connection was lost: {e.Message}", e));
            _socket.Abort();
            if (reason is null)
            {
                _completion.TrySetResult();
            }
            else
            {
                _logger.Failed(reason.Message);
                _completion.TrySetException(reason);
            }
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
        End(new KiwigridConnectionException($"No data from the server for {seconds} s; the event-bus connection counts as dead."));
        _socket.Abort();
    }

    private KiwigridConnectionException ServerClosed(SockJsFrame frame)
    {
        _logger.ServerClosed(frame.CloseCode, frame.CloseReason);
        return new KiwigridConnectionException(
            $"The server closed the event-bus session: {frame.CloseCode} {frame.CloseReason}", frame.CloseCode, frame.CloseReason);
    }

    /// <summary>
    /// Records why the session ended — the first reason wins; null means we closed it — and stops all I/O.
    /// Returns the reason that won.
    /// </summary>
    private Exception? End(Exception? reason)
    {
        var winner = Interlocked.CompareExchange(ref _endReason, reason ?? ClosedByClient, null) ?? reason ?? ClosedByClient;
        _stop.Cancel();
        return ReferenceEquals(winner, ClosedByClient) ? null : winner;
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
