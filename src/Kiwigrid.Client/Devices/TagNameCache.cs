using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One string per tag name for the whole process: a site sends the same few hundred names in every reply, and a watch
/// reads a reply every few seconds for months. Bounded, so a server that invents names cannot grow it without end.
/// </summary>
internal static class TagNameCache
{
    private const int MaxNames = 4096;
    private const int MaxNameLength = 64;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The property name the reader is on, as a shared string when it is a plain short one.</summary>
    public static string Get(ref Utf8JsonReader reader)
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
        if (ByChars.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = name.ToString();
        return Names.Count < MaxNames ? Names.GetOrAdd(created, created) : created;
    }
}
