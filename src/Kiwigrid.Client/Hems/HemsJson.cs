using System.Globalization;
using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>Reading the HEMS API's JSON: documents, lists and the optional fields of its objects.</summary>
internal static class HemsJson
{
    /// <summary>Parses an answer's body, or says which answer was malformed.</summary>
    /// <exception cref="KiwigridProtocolException">The body is not JSON of the expected kind.</exception>
    public static T Parse<T>(byte[] body, string what, JsonValueKind kind, Func<JsonElement, T> read) =>
        JsonAnswer.Parse(body, $"The HEMS API's {what}", kind, read, "the API may have changed");

    /// <summary>The objects of a JSON list, read one by one; anything else in the list is skipped.</summary>
    public static IReadOnlyList<T> List<T>(JsonElement array, Func<JsonElement, T> read) =>
        [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(read)];

    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A number, or a string holding one (some model codes and values come as text).</summary>
    public static double? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    public static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static IReadOnlyList<T> Objects<T>(JsonElement element, string name, Func<JsonElement, T> read) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? List(value, read) : [];

    public static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
