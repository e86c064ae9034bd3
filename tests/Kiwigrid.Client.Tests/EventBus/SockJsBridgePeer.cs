using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.EventBus;

/// <summary>One <c>tests/peers/sockjs-bridge.js</c> (the real sockjs-node server) shared by a test class.</summary>
public sealed class SockJsBridgePeer : IAsyncLifetime
{
    private NodePeer? _peer;

    public int Port => _peer!.Port;

    public string Output => _peer?.Output ?? string.Empty;

    /// <summary>Options for the bridge endpoint <paramref name="endpoint"/> (vertx2, vertx3, heartbeat, silent), over http → ws.</summary>
    public KiwigridClientOptions Options(string endpoint) => new() { EventBusUri = new Uri($"http://127.0.0.1:{Port}/{endpoint}") };

    public async Task InitializeAsync() => _peer = await NodePeer.StartAsync("sockjs-bridge.js", []);

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}
