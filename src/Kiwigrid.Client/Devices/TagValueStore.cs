using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// The values of one device list, copied out of the reply into one array its tags share: the reply itself (a copy of
/// the whole message, escapes and names included) can go at once, and the values take about half its size.
/// </summary>
/// <remarks>
/// The objects and arrays come last, written as one JSON array. Asking any of them for its <see cref="JsonElement"/>
/// parses that array once, for all of them: one document per reply instead of one per nested value (a reply has
/// dozens, a few of them kilobytes of forecast).
/// </remarks>
internal sealed class TagValueStore
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private readonly byte[] _text;
    private readonly int _nestedStart;
    private readonly int _nestedCount;
    private JsonElement[]? _nested;

    /// <param name="text">The values; from <paramref name="nestedStart"/> on, a JSON array of the objects and arrays.</param>
    /// <param name="nestedStart">Where that array starts.</param>
    /// <param name="nestedCount">How many values it holds.</param>
    public TagValueStore(byte[] text, int nestedStart, int nestedCount)
    {
        _text = text;
        _nestedStart = nestedStart;
        _nestedCount = nestedCount;
    }

    /// <summary>The text of the values, for the tags' slices.</summary>
    public ReadOnlyMemory<byte> Text => _text;

    /// <summary>The <paramref name="index"/>-th object or array of the reply.</summary>
    public JsonElement Nested(int index) => (Volatile.Read(ref _nested) ?? ParseNested())[index];

    private JsonElement[] ParseNested()
    {
        // Not disposed: the elements handed out read this document for as long as anyone keeps them. Its rows come from
        // the shared array pool and simply go to the garbage collector with it.
        var document = JsonDocument.Parse(_text.AsMemory(_nestedStart), ReadOptions);
        var elements = new JsonElement[_nestedCount];
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            elements[i++] = element;
        }

        // Two readers may race here; both built the same elements, and one array wins.
        return Interlocked.CompareExchange(ref _nested, elements, null) ?? elements;
    }
}
