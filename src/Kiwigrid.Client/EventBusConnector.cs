using System.Net;

using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Client;

/// <summary>The one place where the client opens the real event bus (the SockJS transport).</summary>
internal static class EventBusConnector
{
    // merged with bus branch: EventBusConnection is the transport's type; KiwigridClient only sees this call.
    public static Task<EventBusConnection> ConnectAsync(KiwigridClientOptions options, CookieContainer cookies, CancellationToken cancellationToken) =>
        EventBusConnection.ConnectAsync(options, cookies, cancellationToken);
}
