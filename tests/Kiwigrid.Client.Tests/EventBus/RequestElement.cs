using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Client.Tests.EventBus;

/// <summary>A request whose reply is read as a document, as the services' generic requests read it.</summary>
internal static class RequestElement
{
    public static Task<JsonElement> RequestElementAsync(
        this EventBusConnection connection, string address, JsonObject body, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync(address, body, static reply => reply.ToElement(), timeout, cancellationToken);
}
