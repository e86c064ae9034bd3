using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Client;

/// <summary>
/// The event bus's own register and publish, for any Vert.x SockJS bridge (the client speaks Vert.x 2 and 3 as the
/// bridge's own JavaScript client does). The Kiwigrid cloud itself sends clients nothing unasked since it removed its
/// push listeners in 2020, and its bridge decides which addresses a client may register at or publish to: a refused one
/// ends in a <see cref="KiwigridBridgeException"/>.
/// </summary>
public sealed partial class KiwigridClient
{
    /// <summary>
    /// Registers at <paramref name="address"/> when the enumeration starts and yields the body of every message sent or
    /// published to it, until the enumeration ends, which unregisters (one registration per address, however many
    /// subscribers). A subscriber that falls 1,024 messages behind loses the newest ones (logged as a warning).
    /// </summary>
    /// <param name="address">The event-bus address, e.g. <c>site.notes</c>.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is null or empty (thrown at once).</exception>
    /// <exception cref="KiwigridConnectionException">The connection was lost (thrown by the enumeration).</exception>
    public IAsyncEnumerable<JsonElement> SubscribeAsync(string address, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Messaging.SubscribeAsync(address, cancellationToken);
    }

    /// <summary>Publishes <paramref name="body"/> to every handler registered at <paramref name="address"/>; no reply is awaited.</summary>
    /// <param name="address">The event-bus address.</param>
    /// <param name="body">The message body, a JSON object.</param>
    /// <param name="cancellationToken">Cancels waiting to send; a message once started is always sent whole.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is null or empty.</exception>
    /// <exception cref="KiwigridConnectionException">The connection has ended.</exception>
    public Task PublishAsync(string address, JsonObject body, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Messaging.PublishAsync(address, body, cancellationToken);
    }

    private IEventBusMessaging Messaging =>
        _messaging ?? throw new NotSupportedException("This client's event bus offers no registrations or publishes.");
}
