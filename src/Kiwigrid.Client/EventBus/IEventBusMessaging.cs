using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>Registrations and publishes on an event bus, as <see cref="KiwigridClient"/> offers them.</summary>
internal interface IEventBusMessaging
{
    /// <summary>The bodies of the messages sent to <paramref name="address"/>, registered while enumerated.</summary>
    IAsyncEnumerable<JsonElement> SubscribeAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Publishes <paramref name="body"/> to every handler of <paramref name="address"/>; no reply.</summary>
    Task PublishAsync(string address, JsonObject body, CancellationToken cancellationToken = default);
}
