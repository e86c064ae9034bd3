using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary>
/// Whether a parsed JSON tree can be read without surprises: every name and string has a .NET form (no lone
/// surrogate escape such as <c>\ud800</c>) and no object repeats a key. <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// accepts both, and reading such a node later throws exceptions no caller expects.
/// </summary>
internal static class WellFormedJson
{
    public static bool Check(JsonNode? node)
    {
        try
        {
            Walk(node);
            return true;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape in a name or a string.
            return false;
        }
        catch (ArgumentException)
        {
            // A key repeated within one object.
            return false;
        }
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (_, child) in members)
                {
                    Walk(child);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Walk(child);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }
}
