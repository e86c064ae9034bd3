using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.SockJs;

/// <summary>Log messages of the SockJS transport (event ids 1000–1099). Frames are never logged: they carry tokens.</summary>
internal static partial class SockJsLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Opening the event-bus WebSocket {Uri}")]
    public static partial void Opening(this ILogger logger, Uri uri);

    [LoggerMessage(1001, LogLevel.Information, "Event-bus session open at {Uri}")]
    public static partial void Opened(this ILogger logger, Uri uri);

    [LoggerMessage(1002, LogLevel.Trace, "Heartbeat from the server")]
    public static partial void Heartbeat(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning, "The server closed the event-bus session: {Code} {Reason}")]
    public static partial void ServerClosed(this ILogger logger, int code, string? reason);

    [LoggerMessage(1004, LogLevel.Warning, "The event-bus connection failed: {Reason}")]
    public static partial void Failed(this ILogger logger, string reason);

    [LoggerMessage(1005, LogLevel.Debug, "The event-bus connection was closed by the client")]
    public static partial void ClosedByClient(this ILogger logger);

    [LoggerMessage(1006, LogLevel.Debug, "WebSocket close frame sent ({Status})")]
    public static partial void CloseSent(this ILogger logger, int status);

    [LoggerMessage(1007, LogLevel.Debug, "The WebSocket close handshake did not complete: {Reason}")]
    public static partial void CloseIncomplete(this ILogger logger, string reason);
}
