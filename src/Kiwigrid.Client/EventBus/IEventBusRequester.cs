using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>The seam between the services and the event bus: one request, one reply.</summary>
internal interface IEventBusRequester
{
    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="address"/> with a fresh reply address and waits for the reply,
    /// which <paramref name="readReply"/> reads as it arrives: while it runs the reply's memory is valid, after that it
    /// may be reused, so what it returns must not keep slices of the body.
    /// </summary>
    /// <returns>What <paramref name="readReply"/> made of the reply; its exception if it threw.</returns>
    /// <exception cref="KiwigridServiceException">The bus answered with a reply failure (<c>type:"err"</c>).</exception>
    /// <exception cref="KiwigridBridgeException">The bridge refused a message (e.g. <c>access_denied</c>) while this request waited.</exception>
    /// <exception cref="KiwigridTimeoutException">No reply within <paramref name="timeout"/> (default: the options').</exception>
    /// <exception cref="KiwigridConnectionException">The connection is closed or was lost while waiting.</exception>
    Task<T> SendAsync<T>(string address, JsonObject body, Func<EventBusBody, T> readReply, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
