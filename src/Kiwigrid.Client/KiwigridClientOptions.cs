using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Client;

/// <summary>
/// Settings of a <c>KiwigridClient</c>: where the cloud lives, how long to wait, and the seams tests use.
/// Defaults point at the real SOLARWATT/Kiwigrid hosts.
/// </summary>
public sealed record KiwigridClientOptions
{
    /// <summary>The defaults: the real Kiwigrid hosts, 30 s request timeout, 5 s ping interval.</summary>
    public static KiwigridClientOptions Default { get; } = new();

    /// <summary>Base of the login server (step 1 and 2 of the login).</summary>
    public Uri AuthBaseUri { get; init; } = new("https://auth.energy-manager.de");

    /// <summary>Base of the desktop web app (step 3 and 4 of the login).</summary>
    public Uri DesktopBaseUri { get; init; } = new("https://desktop.energy-manager.de");

    /// <summary>Base of the SockJS event bus (<c>ws</c>, <c>wss</c>, <c>http</c> or <c>https</c>).</summary>
    public Uri EventBusUri { get; init; } = new("wss://cloud.kiwigrid.com/kiwibus");

    /// <summary>Base of Kiwigrid's CSV export backend, which serves the history (<c>POST /v1.0/export</c>).</summary>
    public Uri ExportBaseUri { get; init; } = new("https://solarwatt-exportbackend.kiwigrid.com");

    /// <summary>The portal channel sent at login.</summary>
    public string Channel { get; init; } = "solarwatt";

    /// <summary>The OAuth client id of the desktop app.</summary>
    public string ClientId { get; init; } = "kiwigrid.desktop";

    /// <summary>How long one event-bus request may wait for its reply.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client pings the bus; the server drops sockets that are silent for 10 s.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the server may send nothing at all (no frame, no heartbeat) before the connection counts as dead.
    /// SockJS servers send a heartbeat every 25 s.
    /// </summary>
    public TimeSpan ServerSilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest WebSocket message accepted from the server, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// After a setting change was accepted: how long to keep reading the setting back until it shows the new value
    /// (the installation applies it some moments later).
    /// </summary>
    public TimeSpan SettingReadBackTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait between two read-backs of a changed setting.</summary>
    public TimeSpan SettingReadBackInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock for every timeout, ping and backoff.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the client logs. Passwords, cookies and tokens are never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The HTTP handler for every HTTP request: the login, the event bus's WebSocket handshake (unless
    /// <see cref="WebSocketConnector"/> opens the socket), the history export and the local Energy Manager; <c>null</c>
    /// uses a default handler. It must not follow redirects or keep cookies (the client reads both itself), e.g.
    /// <c>IHttpMessageHandlerFactory.CreateHandler("kiwigrid")</c> of a client configured so. The client does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>
    /// Opens the WebSocket to the event bus, given the full <c>…/websocket</c> address and the login cookies;
    /// <c>null</c> uses <see cref="ClientWebSocket"/>. Tests hand in their own.
    /// </summary>
    public Func<Uri, CookieContainer, CancellationToken, Task<WebSocket>>? WebSocketConnector { get; init; }

    /// <summary>
    /// Options for one server that serves login, desktop, event bus and history export from one origin, such as the emulator.
    /// </summary>
    /// <param name="baseUri">The server's origin, e.g. <c>http://127.0.0.1:8080</c>.</param>
    public static KiwigridClientOptions ForServer(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var origin = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
        var busScheme = origin.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new KiwigridClientOptions
        {
            AuthBaseUri = origin,
            DesktopBaseUri = origin,
            ExportBaseUri = origin,
            EventBusUri = new UriBuilder(origin) { Scheme = busScheme, Path = "/kiwibus" }.Uri,
        };
    }
}
