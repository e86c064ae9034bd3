using System.Collections;
using System.Text;
using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// A JSON value read from its text on demand, as <see cref="TagValue.Json"/> hands it out: nothing is parsed or built
/// when it is made, and each reading walks the text it needs (a property is found by walking the object, a length by
/// counting). For reading a tag's object or array once, as most programs do, this costs no memory beyond the text the
/// tag already keeps; <see cref="ToElement"/> builds a <see cref="JsonElement"/> for anything that wants one.
/// </summary>
/// <remarks>The text is one complete JSON value (comments allowed); the view keeps it alive as long as it is kept.</remarks>
public readonly struct JsonView
{
    /// <summary>How a tag's JSON is read into a document: as the reader reads it, comments skipped.</summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private static readonly JsonReaderOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip };
    private static readonly ReadOnlyMemory<byte> EmptyArrayText = "[]"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> EmptyObjectText = "{}"u8.ToArray();

    private readonly ReadOnlyMemory<byte> _json;

    // An object's or array's members if counted when it was checked, plus one; 0 when not known (so for default too).
    private readonly int _knownMembers;

    /// <param name="json">One valid JSON value's text, trimmed; empty for an absent value.</param>
    /// <param name="members">The members of an object or array if known (<see cref="CheckedMemberCount"/>), else -1.</param>
    internal JsonView(ReadOnlyMemory<byte> json, int members = -1)
    {
        _json = json;
        _knownMembers = members + 1;
    }

    /// <summary>The kind of the value (undefined when absent), from its first byte.</summary>
    public JsonValueKind Kind => JsonScalar.KindOf(_json.Span);

    /// <summary>The value's JSON text as it was sent (UTF-8).</summary>
    public ReadOnlyMemory<byte> Utf8 => _json;

    /// <summary>The number of elements of an array: counted when a tag's value was checked, else by its commas.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array.</exception>
    public int GetArrayLength() => CountMembers(JsonValueKind.Array);

    /// <summary>The number of properties of an object: counted when a tag's value was checked, else by its commas.</summary>
    /// <exception cref="InvalidOperationException">The value is not an object.</exception>
    public int GetPropertyCount() => CountMembers(JsonValueKind.Object);

    /// <summary>The elements of an array, in order.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array.</exception>
    public ArrayEnumerator EnumerateArray() => new(Expect(JsonValueKind.Array));

    /// <summary>The properties of an object, in order (a name sent twice comes twice).</summary>
    /// <exception cref="InvalidOperationException">The value is not an object.</exception>
    public ObjectEnumerator EnumerateObject() => new(Expect(JsonValueKind.Object));

    /// <summary>
    /// Finds an object's property of that name (compared after unescaping, case-sensitive); of a name sent twice, the
    /// last, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not an object.</exception>
    public bool TryGetProperty(string name, out JsonView value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = false;
        value = default;
        foreach (var property in EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>The value as a number: a JSON number, or a string holding one; otherwise null.</summary>
    public double? AsDouble() => JsonScalar.Double(_json.Span, Kind, AsString());

    /// <summary>The value as an integer: a whole JSON number in range, or a string holding one; otherwise null.</summary>
    public long? AsLong() => JsonScalar.Long(_json.Span, Kind, AsString());

    /// <summary>The value as a string if it is a JSON string (a new string each call); otherwise null.</summary>
    public string? AsString() => Kind == JsonValueKind.String ? JsonScalar.Unquote(_json.Span) : null;

    /// <summary>The value as a boolean: JSON <c>true</c>/<c>false</c> or the strings "true"/"false"; otherwise null.</summary>
    public bool? AsBool() => JsonScalar.Bool(Kind, AsString());

    /// <summary>The value as a <see cref="JsonElement"/> of its own (parsed now; undefined when absent).</summary>
    public JsonElement ToElement()
    {
        if (_json.IsEmpty)
        {
            return default;
        }

        using var document = JsonDocument.Parse(_json, DocumentOptions);
        return document.RootElement.Clone();
    }

    /// <summary>The value's JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_json.Span);

    /// <summary>
    /// Checks that <paramref name="json"/> is one complete, valid JSON value (comments allowed), counting the members
    /// of an object or array on the way; -1 when it is not JSON.
    /// </summary>
    internal static int CheckedMemberCount(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReadOptions);
            var members = 0;
            while (reader.Read())
            {
                // A member is a value directly inside: for an object, the value after each name.
                if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray))
                {
                    members++;
                }
            }

            return reader.BytesConsumed > 0 ? members : -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    /// <summary>An empty object or array, for a value of that kind whose inside is not JSON.</summary>
    internal static JsonView Empty(JsonValueKind kind) => new(kind == JsonValueKind.Object ? EmptyObjectText : EmptyArrayText);

    private int CountMembers(JsonValueKind kind)
    {
        var container = Expect(kind);
        if (_knownMembers > 0)
        {
            return _knownMembers - 1;
        }

        var count = StructuralSkip.CountMembers(container.Span);
        if (count >= 0)
        {
            return count;
        }

        // A comment inside, which may hold commas: counted by walking.
        var cursor = new JsonViewCursor(container);
        for (count = 0; cursor.Next(out _); count++)
        {
        }

        return kind == JsonValueKind.Object ? count / 2 : count;
    }

    private ReadOnlyMemory<byte> Expect(JsonValueKind kind) =>
        Kind == kind ? _json : throw new InvalidOperationException($"The value is {Kind.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}.");

    /// <summary>Walks the elements of an array view.</summary>
    public struct ArrayEnumerator : IEnumerable<JsonView>, IEnumerator<JsonView>
    {
        private readonly ReadOnlyMemory<byte> _array;
        private JsonViewCursor _cursor;

        internal ArrayEnumerator(ReadOnlyMemory<byte> array)
        {
            _array = array;
            _cursor = new JsonViewCursor(array);
            Current = default;
        }

        /// <inheritdoc />
        public JsonView Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>This enumerator, for <c>foreach</c>.</summary>
        public readonly ArrayEnumerator GetEnumerator() => this;

        /// <inheritdoc />
        public bool MoveNext()
        {
            var more = _cursor.Next(out var element);
            Current = new JsonView(element);
            return more;
        }

        /// <inheritdoc />
        public void Reset() => this = new ArrayEnumerator(_array);

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }

        readonly IEnumerator<JsonView> IEnumerable<JsonView>.GetEnumerator() => this;

        readonly IEnumerator IEnumerable.GetEnumerator() => this;
    }

    /// <summary>Walks the properties of an object view.</summary>
    public struct ObjectEnumerator : IEnumerable<JsonViewProperty>, IEnumerator<JsonViewProperty>
    {
        private readonly ReadOnlyMemory<byte> _object;
        private JsonViewCursor _cursor;

        internal ObjectEnumerator(ReadOnlyMemory<byte> @object)
        {
            _object = @object;
            _cursor = new JsonViewCursor(@object);
            Current = default;
        }

        /// <inheritdoc />
        public JsonViewProperty Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>This enumerator, for <c>foreach</c>.</summary>
        public readonly ObjectEnumerator GetEnumerator() => this;

        /// <inheritdoc />
        public bool MoveNext()
        {
            // A property is two tokens: its name, then its value (the cursor hands out whole values).
            if (_cursor.Next(out var name) && _cursor.Next(out var value))
            {
                Current = new JsonViewProperty(name, new JsonView(value));
                return true;
            }

            Current = default;
            return false;
        }

        /// <inheritdoc />
        public void Reset() => this = new ObjectEnumerator(_object);

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }

        readonly IEnumerator<JsonViewProperty> IEnumerable<JsonViewProperty>.GetEnumerator() => this;

        readonly IEnumerator IEnumerable.GetEnumerator() => this;
    }
}
