using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One tag of a device: its raw JSON value and typed readings of it. Cloud values carry a timestamp and a version
/// (<see cref="Oca"/>); local ones do not.
/// </summary>
/// <remarks>
/// The value is kept as its JSON text, a slice of an array that holds the values of the whole reply it came in: the
/// typed readings work on those bytes directly, and a <see cref="JsonElement"/> is only built when <see cref="Value"/>
/// is asked for (the objects and arrays of one reply share one document). A tag value therefore keeps the values of its
/// reply in memory; to keep readings for long (a history), keep the numbers, not the tag values.
/// </remarks>
public sealed class TagValue
{
    // Empty lists are the most common nested values (StateErrorList, IdPriorizedDeviceList …: about half of them in
    // the real dumps); an element is read-only, so they share one instead of building a document each.
    private static readonly JsonElement EmptyArray = Parse("[]"u8.ToArray());
    private static readonly JsonElement EmptyObject = Parse("{}"u8.ToArray());

    // A real reply has hundreds of tags and a program keeps one reply per poll, so a tag holds only its name, its text
    // and where the rest lives: timestamps, versions and the reply's parsed objects sit in the store, by tag index.
    private readonly ReadOnlyMemory<byte> _json;
    private readonly TagValueStore? _store;
    private readonly int _index;

    // What the readings built, kept for the next call.
    private StrongBox<JsonElement>? _element;
    private string? _string;
    private Inside _inside;

    // The members of an object or array, counted when it was checked, plus one; 0 when unknown. With the byte above it
    // fits in what Kind leaves of a word, so a tag stays 72 bytes.
    private ushort _membersPlusOne;

    /// <summary>Creates a tag value.</summary>
    /// <param name="name">The tag name, e.g. <c>PowerProduced</c>.</param>
    /// <param name="value">The raw value (any JSON kind, <c>null</c> included); its text is copied.</param>
    /// <param name="timestamp">When the value was measured, if known.</param>
    /// <param name="oca">The value's version, echoed back on writes, if known.</param>
    public TagValue(string name, JsonElement value, DateTimeOffset? timestamp = null, long? oca = null)
        : this(name, value.ValueKind == JsonValueKind.Undefined ? default : JsonMarshal.GetRawUtf8Value(value).ToArray(), timestamp, oca)
    {
    }

    /// <param name="name">The tag name.</param>
    /// <param name="json">The value's JSON text, valid and owned by nobody who will change it; empty when absent.</param>
    /// <param name="timestamp">When the value was measured, if known.</param>
    /// <param name="oca">The value's version, if known.</param>
    internal TagValue(string name, ReadOnlyMemory<byte> json, DateTimeOffset? timestamp, long? oca)
        : this(name, json, TagValueStore.ForOneTag(timestamp, oca), 0)
    {
    }

    /// <param name="name">The tag name.</param>
    /// <param name="json">The value's JSON text, a slice of <paramref name="store"/>'s when the tag came in a reply.</param>
    /// <param name="store">Where the tag's stamps (and, in a reply, its parsed object or array) are; null for none.</param>
    /// <param name="index">The tag's index in <paramref name="store"/>.</param>
    internal TagValue(string name, ReadOnlyMemory<byte> json, TagValueStore? store, int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _json = json;
        _store = store;
        _index = index;
        Kind = JsonScalar.KindOf(json.Span);
    }

    /// <summary>The tag name.</summary>
    public string Name { get; }

    /// <summary>The raw value as sent; <see cref="JsonValueKind.Null"/> (or Undefined when absent) for no value.</summary>
    /// <remarks>
    /// A device list is checked whole for the structure of its objects and arrays, and each of those for its inside
    /// when first asked for: one whose brackets match around something that is not JSON reads as an empty object or
    /// array (a reply cut short is refused as a whole).
    /// </remarks>
    public JsonElement Value
    {
        get
        {
            switch (_json.Span)
            {
                case []:
                    return default;
                case [(byte)'[', (byte)']']:
                    return EmptyArray;
                case [(byte)'{', (byte)'}']:
                    return EmptyObject;
            }

            if (_store is not null && _store.TryGetNested(_index, out var nested))
            {
                return nested;
            }

            // A box, so a reader on another thread sees either nothing or a whole element, never half of one.
            return (_element ??= new StrongBox<JsonElement>(Parse(_json))).Value;
        }
    }

    /// <summary>
    /// The value read on demand from its text, without building a <see cref="JsonElement"/>: walking an object or
    /// array through it costs no memory, where <see cref="Value"/> builds a document of 12 bytes a JSON token.
    /// </summary>
    /// <remarks>
    /// An object or array is checked once, when first asked for; one whose brackets match around something that is
    /// not JSON reads as an empty object or array, as with <see cref="Value"/>.
    /// </remarks>
    public JsonView Json
    {
        get
        {
            if (Kind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return new JsonView(_json);
            }

            // Two readers may both check; they come to the same answer. The count is written first, and a count not
            // seen yet (0) only means counting again.
            if (_inside == Inside.Unchecked)
            {
                var members = JsonView.CheckedMemberCount(_json.Span);
                _membersPlusOne = members is >= 0 and < ushort.MaxValue ? (ushort)(members + 1) : (ushort)0;
                _inside = members >= 0 ? Inside.Json : Inside.NotJson;
            }

            return _inside == Inside.Json ? new JsonView(_json, _membersPlusOne - 1) : JsonView.Empty(Kind);
        }
    }

    /// <summary>When the value was measured (sent as epoch seconds or milliseconds), if known.</summary>
    public DateTimeOffset? Timestamp => _store?.TimestampOf(_index);

    /// <summary>The value's version (<c>oca</c>); a write must echo it. Null for local values.</summary>
    public long? Oca => _store?.OcaOf(_index);

    /// <summary>The unit derived from the tag name, e.g. <c>W</c> for <c>Power*</c>; null if the name has none.</summary>
    public string? Unit => TagUnits.ForTag(Name);

    /// <summary>Whether there is no value (JSON <c>null</c> or absent).</summary>
    public bool IsNull => Kind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>
    /// The kind of the value (number, string, true, false, object, array, null; undefined when absent), read from its
    /// first byte: choosing the typed reading by it builds no <see cref="JsonElement"/>.
    /// </summary>
    public JsonValueKind Kind { get; }

    /// <summary>The value as a number: a JSON number, or a string holding one; otherwise null.</summary>
    public double? AsDouble() => JsonScalar.Double(_json.Span, Kind, AsString());

    /// <summary>The value as an integer: a whole JSON number in range, or a string holding one; otherwise null.</summary>
    public long? AsLong() => JsonScalar.Long(_json.Span, Kind, AsString());

    /// <summary>The value as a string if it is a JSON string; otherwise null.</summary>
    public string? AsString() => Kind == JsonValueKind.String ? _string ??= JsonScalar.Unquote(_json.Span) : null;

    /// <summary>The value as a boolean: JSON <c>true</c>/<c>false</c> or the strings "true"/"false"; otherwise null.</summary>
    public bool? AsBool() => JsonScalar.Bool(Kind, AsString());

    /// <summary>
    /// The value as structured JSON: a string that holds a JSON object or array is parsed (some tags are sent that
    /// way); any other value is returned as is.
    /// </summary>
    /// <exception cref="KiwigridProtocolException">The string looks like JSON but is not.</exception>
    public JsonElement ParseJsonValue()
    {
        if (Kind != JsonValueKind.String)
        {
            return Value;
        }

        var text = AsString()!;
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
        var raw = _json.IsEmpty ? "null" : Encoding.UTF8.GetString(_json.Span);
        return Unit is null ? $"{Name} = {raw}" : $"{Name} = {raw} {Unit}";
    }

    /// <summary>
    /// Whether both hold the same value. Equal text is the common case of an unchanged tag and needs no parsing;
    /// otherwise the values are compared as JSON (<c>1.0</c> equals <c>1</c>, <c>"\u00e4"</c> equals <c>"ä"</c>).
    /// </summary>
    internal bool HasSameValue(TagValue other)
    {
        if (_json.Span.SequenceEqual(other._json.Span))
        {
            return true;
        }

        return Kind != JsonValueKind.Undefined && other.Kind != JsonValueKind.Undefined && JsonElement.DeepEquals(Value, other.Value);
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        // A document over the slice, cloned: measured about twice as fast as JsonElement.ParseValue (which scans the
        // value once to find its end and again to parse it) for the same allocation; disposing returns the pooled rows.
        try
        {
            using var document = JsonDocument.Parse(json, JsonView.DocumentOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException) when (json.Span[0] is (byte)'{' or (byte)'[')
        {
            // Brackets that match around something that is not JSON: a reply's objects and arrays are checked for
            // their structure only. What it held cannot be read; it stays the kind its text says.
            return json.Span[0] == (byte)'{' ? EmptyObject : EmptyArray;
        }
    }

    // What the inside of an object or array value was found to be, once checked (a byte: it fits beside Kind).
    private enum Inside : byte
    {
        Unchecked,
        Json,
        NotJson,
    }
}
