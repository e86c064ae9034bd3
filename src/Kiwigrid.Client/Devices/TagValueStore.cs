using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// What the tags of one device list share, so that each tag is a name and a slice: the values, copied out of the reply
/// into one array (the reply itself, a copy of the whole message with escapes and names, can go at once, and the values
/// take about half its size), and the tags' timestamps and versions when the reply had any (local replies have none).
/// A tag finds its stamps by its index in the reply.
/// </summary>
/// <remarks>
/// The objects and arrays come last in the text, written as one JSON array. Asking any of them for its
/// <see cref="JsonElement"/> parses that array once, for all of them: one document per reply instead of one per nested
/// value (a reply has dozens, a few of them kilobytes of forecast).
/// </remarks>
internal sealed class TagValueStore
{
    private readonly byte[] _text;
    private readonly int _nestedStart;
    private readonly int[] _nestedTags;
    private readonly DateTimeOffset?[]? _timestamps;
    private readonly long?[]? _ocas;
    private JsonElement[]? _nested;

    /// <param name="text">The values; from <paramref name="nestedStart"/> on, a JSON array of the objects and arrays.</param>
    /// <param name="nestedStart">Where that array starts.</param>
    /// <param name="nestedTags">The indexes of the tags whose values that array holds, in its order (ascending).</param>
    /// <param name="timestamps">Each tag's timestamp by index; null when no tag has one.</param>
    /// <param name="ocas">Each tag's version by index; null when no tag has one.</param>
    public TagValueStore(byte[] text, int nestedStart, int[] nestedTags, DateTimeOffset?[]? timestamps, long?[]? ocas)
    {
        _text = text;
        _nestedStart = nestedStart;
        _nestedTags = nestedTags;
        _timestamps = timestamps;
        _ocas = ocas;
    }

    /// <summary>The text of the values, for the tags' slices.</summary>
    public ReadOnlyMemory<byte> Text => _text;

    /// <summary>The stamps of a tag made on its own (index 0); null when it has none, as most have.</summary>
    public static TagValueStore? ForOneTag(DateTimeOffset? timestamp, long? oca) =>
        timestamp is null && oca is null ? null : new TagValueStore([], 0, [], timestamp is null ? null : [timestamp], oca is null ? null : [oca]);

    /// <summary>The timestamp of the <paramref name="tag"/>-th tag, if it has one.</summary>
    public DateTimeOffset? TimestampOf(int tag) => _timestamps?[tag];

    /// <summary>The version (oca) of the <paramref name="tag"/>-th tag, if it has one.</summary>
    public long? OcaOf(int tag) => _ocas?[tag];

    /// <summary>
    /// The element of the <paramref name="tag"/>-th tag if its value is one of the store's objects and arrays; false
    /// for the others, and for all of them if one of them is not valid JSON (each is then parsed on its own).
    /// </summary>
    public bool TryGetNested(int tag, out JsonElement element)
    {
        var index = Array.BinarySearch(_nestedTags, tag);
        var nested = index < 0 ? null : Volatile.Read(ref _nested) ?? ParseNested();
        element = nested is { Length: > 0 } ? nested[index] : default;
        return nested is { Length: > 0 };
    }

    private JsonElement[] ParseNested()
    {
        JsonElement[] elements;
        try
        {
            // Not disposed: the elements handed out read this document for as long as anyone keeps them. Its rows come
            // from the shared array pool and simply go to the garbage collector with it.
            var document = JsonDocument.Parse(_text.AsMemory(_nestedStart), JsonView.DocumentOptions);
            elements = new JsonElement[_nestedTags.Length];
            var i = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                elements[i++] = element;
            }
        }
        catch (JsonException)
        {
            // The reply was checked for its structure only (DeviceParser skips objects and arrays by their brackets):
            // one value is not JSON inside, and none of them is read from this array.
            elements = [];
        }

        // Two readers may race here; both built the same elements, and one array wins.
        return Interlocked.CompareExchange(ref _nested, elements, null) ?? elements;
    }
}
