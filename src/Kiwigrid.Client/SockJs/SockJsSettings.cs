using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// What the transport needs to know, and no more: the event bus above fills it from the client's options, so the
/// bytes-and-frames layer does not depend on the public options of the layers above it.
/// </summary>
/// <param name="EventBusUri">The SockJS endpoint; the session path is appended.</param>
/// <param name="WebSocketConnector">Opens the WebSocket; null for a <see cref="ClientWebSocket"/>.</param>
/// <param name="HttpMessageHandler">The handler the default WebSocket's handshake goes through; null for its own.</param>
/// <param name="ServerSilenceTimeout">How long the server may send nothing, not even a heartbeat.</param>
/// <param name="MaxMessageBytes">The largest WebSocket message accepted.</param>
/// <param name="TimeProvider">The clock of the silence timer.</param>
/// <param name="LoggerFactory">Where the transport logs.</param>
internal sealed record SockJsSettings(
    Uri EventBusUri,
    Func<Uri, CookieContainer, CancellationToken, Task<WebSocket>>? WebSocketConnector,
    HttpMessageHandler? HttpMessageHandler,
    TimeSpan ServerSilenceTimeout,
    int MaxMessageBytes,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory);
