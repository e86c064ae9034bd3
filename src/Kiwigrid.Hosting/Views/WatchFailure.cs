using System.Net.WebSockets;
using Kiwigrid.Client;

namespace Kiwigrid.Hosting.Views;

/// <summary>Why a watch was interrupted, in a few words, for a console line, a log line and <c>/healthz</c>.</summary>
internal static class WatchFailure
{
    /// <summary>What kind of failure interrupted a watch, in a few words: "Connection lost", "The server answered with error 500", ….</summary>
    public static string Summary(Exception error) => error switch
    {
        KiwigridTimeoutException or KiwigridServiceException { IsTimeout: true } => "No answer in time",
        KiwigridServiceException { FailureType: { } failureType } => $"The event bus answered with {failureType}",
        KiwigridServiceException service => $"The server answered with error {service.Code}",
        KiwigridProtocolException => "The server sent a malformed answer",
        KiwigridBridgeException => "The event-bus bridge refused the request",
        KiwigridAuthenticationException => "Logging in again failed",
        KiwigridConnectionException or HttpRequestException or IOException or WebSocketException => "Connection lost",
        _ => "Reading the site failed",
    };
}
