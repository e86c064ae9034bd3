using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Kiwigrid.Client;

/// <summary>
/// Skips an object or array by its brackets and strings alone: a sixth of the time of <see cref="Utf8JsonReader.Skip"/>,
/// which tokenizes and checks every name and number inside (about a quarter of reading a real device list goes to its
/// forecast objects). The reader then goes on after the value as a new reader over the rest of the text, so positions
/// are taken from the text itself (<see cref="TokenStart"/>), not from the reader's counters.
/// </summary>
/// <remarks>
/// Only the structure is checked here; what is inside is checked by whoever parses the value later. A value this cannot
/// see the end of (cut short, or a comment outside its strings) is skipped by the reader, which reports it as before.
/// </remarks>
internal static class StructuralSkip
{
    /// <summary>
    /// Moves the reader from the start of an object or array to its end, as <see cref="Utf8JsonReader.Skip"/> does.
    /// </summary>
    /// <param name="reader">On a <see cref="JsonTokenType.StartObject"/> or <see cref="JsonTokenType.StartArray"/>; its text is a suffix of <paramref name="source"/>.</param>
    /// <param name="beforeValue">The reader's state before it read the value's first token.</param>
    /// <param name="source">The whole text the reader reads (or a suffix of).</param>
    /// <returns>Where the value lies in <paramref name="source"/>.</returns>
    public static Range Skip(ref Utf8JsonReader reader, JsonReaderState beforeValue, ReadOnlySpan<byte> source)
    {
        Debug.Assert(reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray, "Only an object or array is skipped by its structure.");
        var start = TokenStart(reader, source);
        var length = LengthOf(source[start..]);
        if (length < 0)
        {
            reader.Skip();
            return start..TokenEnd(reader, source);
        }

        // The state after a value in this place: read a stand-in value (an empty string) from the state before it.
        var standIn = new Utf8JsonReader("\"\""u8, isFinalBlock: false, beforeValue);
        standIn.Read();
        reader = new Utf8JsonReader(source[(start + length)..], isFinalBlock: true, standIn.CurrentState);
        return start..(start + length);
    }

    /// <summary>Where the reader's current token starts in <paramref name="source"/>, whose suffix the reader reads.</summary>
    public static int TokenStart(in Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        // A string's or name's value starts after its opening quote; every other token's value is the token itself.
        var quote = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0;
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(reader.ValueSpan)) - quote;
        Debug.Assert(offset >= 0 && offset <= source.Length, "The reader reads a suffix of the source.");
        return (int)offset;
    }

    /// <summary>Where the reader's current token ends in <paramref name="source"/>, whose suffix the reader reads.</summary>
    public static int TokenEnd(in Utf8JsonReader reader, ReadOnlySpan<byte> source) =>
        TokenStart(reader, source) + (int)(reader.BytesConsumed - reader.TokenStartIndex);

    /// <summary>
    /// The length of the object, array or string at the start of <paramref name="text"/> by its brackets and strings;
    /// -1 when the text ends first or holds a '/' outside a string (a comment, whose brackets do not count).
    /// </summary>
    internal static int LengthOf(ReadOnlySpan<byte> text)
    {
        var scan = new Scan(countCommas: false);
        return Run(ref scan, text);
    }

    /// <summary>
    /// The number of elements or properties of the object or array at the start of <paramref name="text"/>, which is
    /// valid JSON, by its commas; -1 when it holds a '/' outside a string (a comment, whose commas do not count).
    /// </summary>
    internal static int CountMembers(ReadOnlySpan<byte> text)
    {
        var scan = new Scan(countCommas: true);
        var length = Run(ref scan, text);
        if (length < 0)
        {
            return -1;
        }

        // Valid JSON has no comma after the last member: n members have n - 1 commas, unless there are none.
        return text[1..(length - 1)].ContainsAnyExcept(" \t\r\n"u8) ? scan.Commas + 1 : 0;
    }

    private static int Run(ref Scan scan, ReadOnlySpan<byte> text)
    {
        var block = 0;
        ref var first = ref MemoryMarshal.GetReference(text);
        for (; block + Vector128<byte>.Count <= text.Length; block += Vector128<byte>.Count)
        {
            var end = scan.Block(Vector128.LoadUnsafe(ref first, (nuint)block), block);
            if (end != 0)
            {
                return end;
            }
        }

        // The last few bytes padded with spaces, which mean nothing here.
        Span<byte> tail = stackalloc byte[Vector128<byte>.Count];
        tail.Fill((byte)' ');
        text[block..].CopyTo(tail);
        var last = scan.Block(Vector128.Create<byte>(tail), block);
        return last > 0 && last <= text.Length ? last : -1;
    }

    /// <summary>Where a scan is: depth, inside a string or not, and an escaped byte still to pass over.</summary>
    private struct Scan(bool countCommas)
    {
        private readonly bool _countCommas = countCommas;
        private int _depth;
        private bool _inString;
        private int _escapedUpTo;

        /// <summary>The commas seen outside strings in the outermost object or array, when counting them.</summary>
        public int Commas { get; private set; }

        /// <summary>Reads 16 bytes at <paramref name="at"/>; the value's length if it ends in them, -1 for a comment, else 0.</summary>
        public int Block(Vector128<byte> bytes, int at)
        {
            var quotes = Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
            var escapes = Vector128.Equals(bytes, Vector128.Create((byte)'\\')).ExtractMostSignificantBits();
            var opens = (Vector128.Equals(bytes, Vector128.Create((byte)'{')) | Vector128.Equals(bytes, Vector128.Create((byte)'['))).ExtractMostSignificantBits();
            var closes = (Vector128.Equals(bytes, Vector128.Create((byte)'}')) | Vector128.Equals(bytes, Vector128.Create((byte)']'))).ExtractMostSignificantBits();
            var slashes = Vector128.Equals(bytes, Vector128.Create((byte)'/')).ExtractMostSignificantBits();
            var commas = _countCommas ? Vector128.Equals(bytes, Vector128.Create((byte)',')).ExtractMostSignificantBits() : 0;
            var marks = quotes | escapes | opens | closes | slashes | commas;
            while (marks != 0)
            {
                var bit = BitOperations.TrailingZeroCount(marks);
                marks &= marks - 1;
                var position = at + bit;
                var mark = 1u << bit;
                if (position < _escapedUpTo)
                {
                    continue;
                }

                if (_inString)
                {
                    if ((escapes & mark) != 0)
                    {
                        _escapedUpTo = position + 2;
                    }
                    else if ((quotes & mark) != 0)
                    {
                        _inString = false;
                        if (_depth == 0)
                        {
                            return position + 1;
                        }
                    }
                }
                else if ((quotes & mark) != 0)
                {
                    _inString = true;
                }
                else if ((opens & mark) != 0)
                {
                    _depth++;
                }
                else if ((closes & mark) != 0)
                {
                    if (--_depth == 0)
                    {
                        return position + 1;
                    }
                }
                else if ((slashes & mark) != 0)
                {
                    return -1;
                }
                else if (_depth == 1)
                {
                    Commas++;
                }
            }

            return 0;
        }
    }
}
