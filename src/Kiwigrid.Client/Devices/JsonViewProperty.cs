using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>One property of a <see cref="JsonView"/> object: its name, unescaped only when asked for, and its value.</summary>
public readonly struct JsonViewProperty
{
    // The name's text with its quotes, as sent.
    private readonly ReadOnlyMemory<byte> _name;

    internal JsonViewProperty(ReadOnlyMemory<byte> name, JsonView value)
    {
        _name = name;
        Value = value;
    }

    /// <summary>The property's name (a new string each call).</summary>
    public string Name => _name.IsEmpty ? "" : JsonScalar.Unquote(_name.Span);

    /// <summary>The property's value.</summary>
    public JsonView Value { get; }

    /// <summary>Whether the name, unescaped, is <paramref name="name"/> (case-sensitive); builds no string.</summary>
    public bool NameEquals(ReadOnlySpan<char> name)
    {
        if (_name.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(_name.Span);
        reader.Read();
        return reader.ValueTextEquals(name);
    }

    /// <summary>The name and the value's JSON text, e.g. <c>"on": true</c>.</summary>
    public override string ToString() => $"\"{Name}\": {Value}";
}
