using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary>One authenticated service call: the action, its params, the whole request body, and who asks.</summary>
internal sealed record ServiceRequest(string Action, JsonObject Params, JsonObject Body, string UserId)
{
    /// <summary>A required string parameter; its absence is a 400 naming it.</summary>
    public string RequiredString(string name) =>
        Params[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw ServiceFault.BadRequest($"The parameter '{name}' must be a non-empty string.");
}
