using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One string per tag name: a site sends the same few hundred names in every reply, and a watch reads a reply every
/// few seconds for months. Bounded, so a server that invents names cannot grow it without end; the parser uses the
/// process-wide <see cref="Shared"/> one, tests their own.
/// </summary>
internal sealed class TagNameCache
{
    private const int MaxNameLength = 64;

    private readonly int _maxNames;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public TagNameCache(int maxNames)
    {
        _maxNames = maxNames;
        _byChars = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The cache of every reply this process reads.</summary>
    public static TagNameCache Shared { get; } = new(maxNames: 4096);

    /// <summary>The property name the reader is on, as a shared string when it is a plain short one.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        var utf8 = reader.ValueSpan;
        if (reader.ValueIsEscaped || reader.HasValueSequence || utf8.Length > MaxNameLength)
        {
            return reader.GetString()!;
        }

        // Invalid UTF-8 goes the reader's way, which refuses it.
        Span<char> chars = stackalloc char[MaxNameLength];
        if (Utf8.ToUtf16(utf8, chars, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return reader.GetString()!;
        }

        var name = chars[..length];
        if (_byChars.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = name.ToString();
        return _names.Count < _maxNames ? _names.GetOrAdd(created, created) : created;
    }
}
