using System.Globalization;
using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One tag of a device: its raw JSON value and typed readings of it. Cloud values carry a timestamp and a version
/// (<see cref="Oca"/>); local ones do not.
/// </summary>
public sealed class TagValue
{
    /// <summary>Creates a tag value.</summary>
    /// <param name="name">The tag name, e.g. <c>PowerProduced</c>.</param>
    /// <param name="value">The raw value (any JSON kind, <c>null</c> included).</param>
    /// <param name="timestamp">When the value was measured, if known.</param>
    /// <param name="oca">The value's version, echoed back on writes, if known.</param>
    public TagValue(string name, JsonElement value, DateTimeOffset? timestamp = null, long? oca = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
        Timestamp = timestamp;
        Oca = oca;
    }

    /// <summary>The tag name.</summary>
    public string Name { get; }

    /// <summary>The raw value as sent; <see cref="JsonValueKind.Null"/> (or Undefined when absent) for no value.</summary>
    public JsonElement Value { get; }

    /// <summary>When the value was measured (sent as epoch seconds or milliseconds), if known.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The value's version (<c>oca</c>); a write must echo it. Null for local values.</summary>
    public long? Oca { get; }

    /// <summary>The unit derived from the tag name, e.g. <c>W</c> for <c>Power*</c>; null if the name has none.</summary>
    public string? Unit => TagUnits.ForTag(Name);

    /// <summary>Whether there is no value (JSON <c>null</c> or absent).</summary>
    public bool IsNull => Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>The value as a number: a JSON number, or a string holding one; otherwise null.</summary>
    public double? AsDouble() => Value.ValueKind switch
    {
        JsonValueKind.Number => Value.GetDouble(),
        JsonValueKind.String when double.TryParse(Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>The value as an integer: a whole JSON number in range, or a string holding one; otherwise null.</summary>
    public long? AsLong()
    {
        switch (Value.ValueKind)
        {
            case JsonValueKind.Number when Value.TryGetInt64(out var l):
                return l;
            case JsonValueKind.Number:
                var d = Value.GetDouble();
                return Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue ? (long)d : null;
            case JsonValueKind.String when long.TryParse(Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    /// <summary>The value as a string if it is a JSON string; otherwise null.</summary>
    public string? AsString() => Value.ValueKind == JsonValueKind.String ? Value.GetString() : null;

    /// <summary>The value as a boolean: JSON <c>true</c>/<c>false</c> or the strings "true"/"false"; otherwise null.</summary>
    public bool? AsBool() => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(Value.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>
    /// The value as structured JSON: a string that holds a JSON object or array is parsed (some tags are sent that
    /// way); any other value is returned as is.
    /// </summary>
    /// <exception cref="KiwigridProtocolException">The string looks like JSON but is not.</exception>
    public JsonElement ParseJsonValue()
    {
        if (Value.ValueKind != JsonValueKind.String)
        {
            return Value;
        }

        var text = Value.GetString()!;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return Value;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new KiwigridProtocolException($"Tag {Name} holds a string that starts like JSON but is not valid JSON.", ex);
        }
    }

    /// <summary>The tag name, the raw value and the unit, e.g. <c>PowerProduced = 2001.186 W</c>.</summary>
    public override string ToString()
    {
        var raw = Value.ValueKind == JsonValueKind.Undefined ? "null" : Value.GetRawText();
        return Unit is null ? $"{Name} = {raw}" : $"{Name} = {raw} {Unit}";
    }
}
