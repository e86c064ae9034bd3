using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// The typed readings of one JSON value's text, shared by <see cref="TagValue"/> and <see cref="JsonView"/>: a number
/// also from a string holding one, as the devices send some numbers as strings.
/// </summary>
internal static class JsonScalar
{
    /// <summary>The kind of a value, read from its first byte (the text is one valid value, or empty when absent).</summary>
    public static JsonValueKind KindOf(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return JsonValueKind.Undefined;
        }

        return json[0] switch
        {
            (byte)'"' => JsonValueKind.String,
            (byte)'{' => JsonValueKind.Object,
            (byte)'[' => JsonValueKind.Array,
            (byte)'t' => JsonValueKind.True,
            (byte)'f' => JsonValueKind.False,
            (byte)'n' => JsonValueKind.Null,
            _ => JsonValueKind.Number,
        };
    }

    /// <summary>A JSON number, or a string holding one (<paramref name="text"/> is its content); otherwise null.</summary>
    public static double? Double(ReadOnlySpan<byte> json, JsonValueKind kind, string? text) => kind switch
    {
        // As JsonElement.TryGetDouble: the whole text is the number, and a number too large for a double is none.
        JsonValueKind.Number => Utf8Parser.TryParse(json, out double d, out var used) && used == json.Length && double.IsFinite(d) ? d : null,
        JsonValueKind.String when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A whole JSON number in range, or a string holding one; otherwise null.</summary>
    public static long? Long(ReadOnlySpan<byte> json, JsonValueKind kind, string? text)
    {
        switch (kind)
        {
            case JsonValueKind.Number when Utf8Parser.TryParse(json, out long l, out var used) && used == json.Length:
                return l;
            case JsonValueKind.Number:
                return Double(json, kind, text) is { } d && Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue ? (long)d : null;
            case JsonValueKind.String when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    /// <summary>JSON <c>true</c>/<c>false</c> or a string saying so; otherwise null.</summary>
    public static bool? Bool(JsonValueKind kind, string? text) => kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(text, out var b) => b,
        _ => null,
    };

    /// <summary>The content of a JSON string's text, escapes resolved.</summary>
    public static string Unquote(ReadOnlySpan<byte> json)
    {
        var content = json[1..^1];
        if (!content.Contains((byte)'\\'))
        {
            return Encoding.UTF8.GetString(content);
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        return reader.GetString()!;
    }
}
