using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Bus;

/// <summary>One client connected to the event-bus bridge, as the bridge sees it.</summary>
internal interface IBusConnection
{
    string Id { get; }

    /// <summary>Queues a message for the client; never blocks.</summary>
    void Deliver(JsonObject envelope);

    /// <summary>The client pinged: it is alive for another ping timeout.</summary>
    void Pinged();
}
