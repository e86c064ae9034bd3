using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One string per tag name: a site sends the same few hundred names in every reply, and a watch reads a reply every
/// few seconds for months. Names are looked up by their UTF-8 bytes, so a known name costs no decoding. Bounded, so a
/// server that invents names cannot grow it without end; the parser uses the process-wide <see cref="Shared"/> one,
/// tests their own.
/// </summary>
internal sealed class TagNameCache
{
    private const int MaxNameLength = 64;

    private readonly int _maxNames;
    private readonly ConcurrentDictionary<string, string> _names = new(Utf8NameComparer.Instance);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<byte>> _byUtf8;

    public TagNameCache(int maxNames)
    {
        _maxNames = maxNames;
        _byUtf8 = _names.GetAlternateLookup<ReadOnlySpan<byte>>();
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

        if (_byUtf8.TryGetValue(utf8, out var known))
        {
            return known;
        }

        // Invalid UTF-8 goes the reader's way, which refuses it (a known name matched byte for byte, so it was valid).
        if (!Utf8.IsValid(utf8))
        {
            return reader.GetString()!;
        }

        var created = Encoding.UTF8.GetString(utf8);
        return _names.Count < _maxNames ? _names.GetOrAdd(created, created) : created;
    }

    /// <summary>Ordinal string equality, with a string's hash taken over its UTF-8 bytes so that bytes can look it up.</summary>
    private sealed class Utf8NameComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
    {
        public static Utf8NameComparer Instance { get; } = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj)
        {
            // Only names of at most MaxNameLength characters are kept; a longer one (never looked up) hashes its start.
            Span<byte> utf8 = stackalloc byte[MaxNameLength * 3];
            Utf8.FromUtf16(obj.AsSpan(0, Math.Min(obj.Length, MaxNameLength)), utf8, out _, out var written);
            return Hash(utf8[..written]);
        }

        public bool Equals(ReadOnlySpan<byte> alternate, string other)
        {
            if (Ascii.IsValid(alternate))
            {
                return Ascii.Equals(alternate, other);
            }

            Span<char> chars = stackalloc char[MaxNameLength];
            return Utf8.ToUtf16(alternate, chars, out _, out var length, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                   && chars[..length].SequenceEqual(other);
        }

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);

        private static int Hash(ReadOnlySpan<byte> utf8)
        {
            var hash = default(HashCode);
            hash.AddBytes(utf8);
            return hash.ToHashCode();
        }
    }
}
