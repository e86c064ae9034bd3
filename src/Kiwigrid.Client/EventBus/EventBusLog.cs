using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.EventBus;

/// <summary>Log messages of the event bus (event ids 1100–1199). Bodies are never logged: they carry the accessToken.</summary>
internal static partial class EventBusLog
{
    [LoggerMessage(1100, LogLevel.Debug, "Request to {Address} sent, reply expected at {ReplyAddress}")]
    public static partial void RequestSent(this ILogger logger, string address, string replyAddress);

    [LoggerMessage(1101, LogLevel.Debug, "Reply received at {ReplyAddress}")]
    public static partial void ReplyReceived(this ILogger logger, string replyAddress);

    [LoggerMessage(1102, LogLevel.Warning, "No reply from {Address} within {Timeout}")]
    public static partial void RequestTimedOut(this ILogger logger, string address, TimeSpan timeout);

    [LoggerMessage(1103, LogLevel.Debug, "Reply failure at {ReplyAddress}: {FailureCode} {FailureType}")]
    public static partial void ReplyFailed(this ILogger logger, string replyAddress, int failureCode, string? failureType);

    [LoggerMessage(1104, LogLevel.Warning, "The bridge refused a message without saying which: {Error}")]
    public static partial void BridgeError(this ILogger logger, string error);

    [LoggerMessage(1105, LogLevel.Debug, "Message for {Address}, which no request or registration waits for; dropped")]
    public static partial void Unmatched(this ILogger logger, string address);

    [LoggerMessage(1106, LogLevel.Warning, "Subscription to {Address} is full; a message was dropped")]
    public static partial void SubscriptionFull(this ILogger logger, string address);

    [LoggerMessage(1107, LogLevel.Debug, "Registered at {Address}")]
    public static partial void Registered(this ILogger logger, string address);

    [LoggerMessage(1108, LogLevel.Debug, "Unregistered from {Address}")]
    public static partial void Unregistered(this ILogger logger, string address);

    [LoggerMessage(1109, LogLevel.Debug, "Ping not sent: {Reason}")]
    public static partial void PingFailed(this ILogger logger, string reason);

    [LoggerMessage(1110, LogLevel.Debug, "Ignored a bridge message of type {Type}")]
    public static partial void IgnoredType(this ILogger logger, string type);

    [LoggerMessage(1111, LogLevel.Error, "A BridgeError handler threw")]
    public static partial void BridgeErrorHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1112, LogLevel.Warning, "A delivery without address was dropped")]
    public static partial void DeliveryWithoutAddress(this ILogger logger);

    [LoggerMessage(1113, LogLevel.Debug, "The request to {Address} fails with the bridge error {Error}")]
    public static partial void RequestRefused(this ILogger logger, string address, string error);
}
