using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

// merged with bus branch: DELETE THIS FILE when merging. It only lets the model branch compile on its own; the
// transport branch brings the real EventBusConnection with exactly this surface.
internal sealed class EventBusConnection : IEventBusRequester, IAsyncDisposable
{
    private EventBusConnection() { }

    public static Task<EventBusConnection> ConnectAsync(KiwigridClientOptions options, CookieContainer cookies, CancellationToken cancellationToken = default) =>
        throw new KiwigridConnectionException("This build has no event-bus transport.");

    public Task<JsonElement> SendAsync(string address, JsonObject body, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        throw new KiwigridConnectionException("This build has no event-bus transport.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
