using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Bus;

/// <summary>
/// The messages the bridge sends to a client, shaped per dialect (PROTOCOL.md §4; the Vert.x 2 and 3
/// <c>EventBusBridge</c> sources).
/// </summary>
internal sealed class BusEnvelopes(EventBusDialect dialect)
{
    public EventBusDialect Dialect => dialect;

    /// <summary>A message for <paramref name="address"/> (a reply address or a registered one).</summary>
    public JsonObject Message(string address, JsonNode? body, string? replyAddress = null)
    {
        var envelope = new JsonObject();
        if (dialect == EventBusDialect.VertX3)
        {
            envelope["type"] = "rec";
        }

        envelope["address"] = address;
        envelope["body"] = body;
        if (replyAddress is not null)
        {
            envelope["replyAddress"] = replyAddress;
        }

        return envelope;
    }

    /// <summary>A failed request: nobody listens at the address (Vert.x: failure code -1, NO_HANDLERS).</summary>
    public JsonObject NoHandlers(string replyAddress, string address)
    {
        var envelope = new JsonObject();
        if (dialect == EventBusDialect.VertX3)
        {
            envelope["type"] = "err";
        }

        envelope["address"] = replyAddress;
        envelope["failureCode"] = -1;
        envelope["failureType"] = "NO_HANDLERS";
        envelope["message"] = "No handlers for address " + address;
        return envelope;
    }

    /// <summary>
    /// A bridge error (Vert.x 3: <c>{"type":"err","body":"access_denied"}</c>, without address). The Vert.x 2 bridge
    /// has none: it throws and logs, and the client hears nothing; so this is null there.
    /// </summary>
    public JsonObject? BridgeError(string error) =>
        dialect == EventBusDialect.VertX3 ? new JsonObject { ["type"] = "err", ["body"] = error } : null;
}
