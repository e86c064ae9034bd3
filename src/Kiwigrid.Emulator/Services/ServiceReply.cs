using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary>
/// The body of a service reply: <c>{"status","result","code","message"}</c>, keys in the order of the captured cloud
/// reply (PROTOCOL.md §5).
/// </summary>
internal static class ServiceReply
{
    public static JsonObject Ok(JsonNode? result) =>
        new() { ["status"] = "ok", ["result"] = result, ["code"] = 200, ["message"] = "ok" };

    public static JsonObject Error(int code, string message) =>
        new() { ["status"] = "error", ["result"] = null, ["code"] = code, ["message"] = message };
}
