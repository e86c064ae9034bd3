using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>The seam between the services and the event bus: one request, one reply.</summary>
internal interface IEventBusRequester
{
    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="address"/> with a fresh reply address and waits for the reply.
    /// </summary>
    /// <returns>The reply's <c>body</c>, not yet read.</returns>
    /// <exception cref="KiwigridServiceException">The bus answered with a reply failure (<c>type:"err"</c>).</exception>
    /// <exception cref="KiwigridBridgeException">The bridge refused a message (e.g. <c>access_denied</c>) while this request waited.</exception>
    /// <exception cref="KiwigridTimeoutException">No reply within <paramref name="timeout"/> (default: the options').</exception>
    /// <exception cref="KiwigridConnectionException">The connection is closed or was lost while waiting.</exception>
    Task<EventBusBody> SendAsync(string address, JsonObject body, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
