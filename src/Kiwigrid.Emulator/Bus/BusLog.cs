
namespace Kiwigrid.Emulator.Bus;

/// <summary>What the event bus logs. Message bodies carry accessTokens, so they are never logged.</summary>
internal static partial class BusLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Bus connection {ConnectionId} opened")]
    public static partial void Opened(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Bus connection {ConnectionId} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Bus connection {ConnectionId}: {Type} to {Address}")]
    public static partial void Received(ILogger logger, string connectionId, string type, string address);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Bus connection {ConnectionId} sent an unusable message: {Problem}")]
    public static partial void Unusable(ILogger logger, string connectionId, string problem);
}
