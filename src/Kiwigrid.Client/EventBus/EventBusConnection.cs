using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Kiwigrid.Client.SockJs;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// A Vert.x event-bus session over SockJS: requests with replies, publishes, registrations and the keep-alive ping.
/// Thread-safe. Split by concern: this file holds the lifetime and the dispatch of incoming messages;
/// <c>.RequestReply</c>, <c>.Subscribe</c> and <c>.Ping</c> the rest.
/// </summary>
internal sealed partial class EventBusConnection : IEventBusRequester, IEventBusMessaging, IAsyncDisposable
{
    private readonly SockJsConnection _transport;
    private readonly KiwigridClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PendingReply> _pendingReplies = new(StringComparer.Ordinal);
    private Exception? _endReason;
    private int _disposed;

    private EventBusConnection(SockJsConnection transport, KiwigridClientOptions options)
    {
        _transport = transport;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<EventBusConnection>();
        _pingTimer = options.TimeProvider.CreateTimer(
            static state => ((EventBusConnection)state!).OnPingDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Completion = WatchTransportAsync();
    }

    /// <summary>Raised, on the read loop, for a bridge error without address (e.g. <c>access_denied</c>).</summary>
    /// <remarks>
    /// The error names no request, so every request waiting for a reply fails with it at once (a
    /// <see cref="KiwigridBridgeException"/> naming that request's address) rather than waiting out its timeout.
    /// </remarks>
    public event EventHandler<BridgeErrorEventArgs>? BridgeError;

    /// <summary>
    /// Completes when the connection ends: successfully after <see cref="DisposeAsync"/>, faulted with the reason
    /// (<see cref="KiwigridConnectionException"/>, <see cref="KiwigridProtocolException"/>) when it was lost.
    /// </summary>
    public Task Completion { get; }

    /// <summary>Opens the SockJS session, sends the first ping and starts pinging every <see cref="KiwigridClientOptions.PingInterval"/>.</summary>
    /// <param name="options">Where the bus is and how long to wait; its <see cref="KiwigridClientOptions.WebSocketConnector"/> opens the socket.</param>
    /// <param name="cookies">The login cookies, sent in the WebSocket handshake.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="KiwigridConnectionException">The bus could not be reached or ended the session at once.</exception>
    public static async Task<EventBusConnection> ConnectAsync(KiwigridClientOptions options, CookieContainer cookies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cookies);
        if (options.PingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PingInterval, "The ping interval must be positive.");
        }

        var transport = await SockJsConnection.ConnectAsync(TransportSettings(options), cookies, cancellationToken).ConfigureAwait(false);
        var connection = new EventBusConnection(transport, options);
        transport.Start(connection.OnMessage);
        try
        {
            await connection.StartPingingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private static SockJsSettings TransportSettings(KiwigridClientOptions options) => new(
        options.EventBusUri,
        options.WebSocketConnector,
        options.HttpMessageHandler,
        options.ServerSilenceTimeout,
        options.MaxMessageBytes,
        options.TimeProvider,
        options.LoggerFactory);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _pingTimer.DisposeAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (KiwigridException)
        {
            // The connection had been lost before; Completion carries that reason for whoever watches it.
        }
    }

    private async Task WatchTransportAsync()
    {
        try
        {
            await _transport.Completion.ConfigureAwait(false);
        }
        catch (Exception reason)
        {
            End(reason);
            throw;
        }

        End(new KiwigridConnectionException("The event-bus connection was closed by the client."));
    }

    /// <summary>Fails every pending request and every subscription at once with the reason the connection ended.</summary>
    private void End(Exception reason)
    {
        Volatile.Write(ref _endReason, reason);
        _pingTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var failure = reason as KiwigridConnectionException
                      ?? new KiwigridConnectionException($"The event-bus connection was lost: {reason.Message}", reason);
        foreach (var pending in _pendingReplies.Values)
        {
            pending.Fail(failure);
        }

        CompleteSubscriptions(failure);
    }

    private void ThrowIfEnded()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var reason = Volatile.Read(ref _endReason);
        if (reason is not null)
        {
            throw reason as KiwigridConnectionException ?? new KiwigridConnectionException($"The event-bus connection was lost: {reason.Message}", reason);
        }
    }

    /// <summary>Runs on the transport's read loop for every incoming message.</summary>
    private void OnMessage(ReadOnlyMemory<byte> json)
    {
        var message = EventBusInboundMessage.Parse(json);
        if (message.IsBridgeError)
        {
            OnBridgeError(message);
        }
        else if (message.IsReplyFailure)
        {
            OnReplyFailure(message);
        }
        else if (!message.IsDelivery)
        {
            // e.g. Vert.x 4's "pong"; nothing here waits for it.
            _logger.IgnoredType(message.Type!);
        }
        else if (message.Address is null)
        {
            _logger.DeliveryWithoutAddress();
        }
        else if (!TryCompleteReply(message.Address, message.Body) && !TryDeliver(message.Address, message.Body))
        {
            _logger.Unmatched(message.Address);
        }
    }

    private void OnBridgeError(EventBusInboundMessage message)
    {
        var body = message.Body.ToElement();
        var error = body.ValueKind == JsonValueKind.String ? body.GetString()! : message.FailureMessage ?? "(no detail)";
        _logger.BridgeError(error);
        FailPendingReplies(error);
        try
        {
            BridgeError?.Invoke(this, new BridgeErrorEventArgs(error));
        }
#pragma warning disable CA1031 // A subscriber's bug must not end the connection for every other request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.BridgeErrorHandlerFailed(e);
        }
    }

    /// <summary>
    /// Fails every request waiting for a reply with a bridge error. The bridge answers a message it refuses at once
    /// and without its address, so the refused one is among these; waiting would only run each into its timeout.
    /// </summary>
    private void FailPendingReplies(string error)
    {
        var pending = _pendingReplies.ToArray();
        foreach (var (replyAddress, request) in pending)
        {
            if (!_pendingReplies.TryRemove(replyAddress, out _))
            {
                continue;
            }

            var message = pending.Length == 1
                ? $"The event-bus bridge refused the request to '{request.Address}': {error}."
                : $"The event-bus bridge refused one of {pending.Length} pending requests ({error}) without saying which; this one went to '{request.Address}'.";
            _logger.RequestRefused(request.Address, error);
            request.Fail(new KiwigridBridgeException(request.Address, error, message));
        }
    }
}
