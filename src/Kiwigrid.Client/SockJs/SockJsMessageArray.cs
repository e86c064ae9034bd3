using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Unicode;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// The fast path for the usual message frame payload, <c>["…","…"]</c> without whitespace: finds and unescapes each
/// JSON string in one pass (a <see cref="System.Text.Json.Utf8JsonReader"/> needs two, validating then copying,
/// and a reply's escapes are only a few bytes apart). Anything unusual is left to the reader, which names the error.
/// </summary>
internal static class SockJsMessageArray
{
    /// <summary>For <see cref="LanesOf"/>: lane n reads byte n / 8 of the mask, and keeps bit n % 8 of it.</summary>
    private static readonly Vector512<byte> ByteOfLane = Vector512.Create([.. Enumerable.Range(0, 64).Select(n => (byte)(n / 8))]);

    private static readonly Vector512<byte> BitOfLane = Vector512.Create([.. Enumerable.Range(0, 64).Select(n => (byte)(1 << (n % 8)))]);

    private static readonly SearchValues<byte> QuoteBackslashOrControl = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// Unescapes the strings of a canonical array one after another into <paramref name="buffer"/> and records where
    /// each message lies. Nothing is parsed here, so a frame that turns out malformed at its end costs no documents.
    /// </summary>
    /// <param name="payload">The frame after its <c>a</c>.</param>
    /// <param name="buffer">At least <paramref name="payload"/>'s length: unescaping never makes a string longer.</param>
    /// <param name="messageEnds">Receives where each message ends in <paramref name="buffer"/>; each starts where the one before ends.</param>
    /// <returns>False if the payload is not in canonical form.</returns>
    public static bool TryUnescape(ReadOnlySpan<byte> payload, byte[] buffer, List<int> messageEnds)
    {
        // The block copy below writes whole vectors; it relies on this.
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, payload.Length, nameof(buffer));

        // A canonical array ends in "] (or is []): an unterminated one is left to the reader before any work is done.
        if (payload.Length < 2 || payload[0] != '[' || payload[^1] != ']' || (payload.Length > 2 && payload[^2] != '"'))
        {
            return false;
        }

        if (payload[1] == ']')
        {
            return payload.Length == 2;
        }

        var i = 1;
        var written = 0;
        while (true)
        {
            if (i >= payload.Length || payload[i] != '"')
            {
                return false;
            }

            var start = ++i;
            while (true)
            {
                if (Avx512Vbmi2.IsSupported && i + Vector512<byte>.Count <= payload.Length && TryCompressBlock(payload, ref i, buffer, ref written))
                {
                    continue;
                }

                // Vector<byte> is 32 bytes with AVX2 and 16 with arm64's AdvSimd or x64's SSE; a wider one (AVX-512,
                // opted into) would not fit the block's 32-bit mask and takes the search like unaccelerated machines.
                if (Vector.IsHardwareAccelerated && Vector<byte>.Count <= Vector256<byte>.Count && i + Vector<byte>.Count <= payload.Length)
                {
                    if (TryCopyBlock(payload, ref i, buffer, ref written))
                    {
                        continue;
                    }
                }
                else
                {
                    var run = payload[i..].IndexOfAny(QuoteBackslashOrControl);
                    if (run < 0)
                    {
                        return false;
                    }

                    payload.Slice(i, run).CopyTo(buffer.AsSpan(written));
                    written += run;
                    i += run;
                }

                if (payload[i] == '"')
                {
                    break;
                }

                // The usual escape, inline: every quote inside the message.
                if (payload[i] == '\\' && i + 1 < payload.Length && payload[i + 1] == '"')
                {
                    buffer[written++] = (byte)'"';
                    i += 2;
                    continue;
                }

                if (payload[i] != '\\' || !TryUnescapeOne(payload, ref i, buffer, ref written))
                {
                    return false;
                }
            }

            // Raw bytes were copied unchecked; the reader would have refused invalid UTF-8.
            if (!Utf8.IsValid(payload[start..i]))
            {
                return false;
            }

            messageEnds.Add(written);
            i++;
            if (i < payload.Length && payload[i] == ',')
            {
                i++;
                continue;
            }

            return i == payload.Length - 1 && payload[i] == ']';
        }
    }

    /// <summary>
    /// Copies the <see cref="Vector{T}"/> of bytes at <paramref name="i"/> with its <c>\"</c> escapes unescaped.
    /// Escapes are a few bytes apart in a reply (every quote of the message is one), so each is taken from the block's
    /// mask of special bytes rather than by a new search: the rest of the block is stored again one byte further back.
    /// The stores stay inside the buffer because <paramref name="written"/> never passes <paramref name="i"/>.
    /// </summary>
    /// <returns>False when stopped at another special byte (at <paramref name="i"/>), for the caller to handle.</returns>
    private static bool TryCopyBlock(ReadOnlySpan<byte> payload, ref int i, byte[] buffer, ref int written)
    {
        ref var source = ref MemoryMarshal.GetReference(payload);
        ref var target = ref MemoryMarshal.GetArrayDataReference(buffer);
        var blockStart = i;
        var block = Vector.LoadUnsafe(ref source, (nuint)i);
        block.StoreUnsafe(ref target, (nuint)written);
        var specialBytes = Vector.Equals(block, new Vector<byte>((byte)'"'))
            | Vector.Equals(block, new Vector<byte>((byte)'\\'))
            | Vector.LessThan(block, new Vector<byte>((byte)' '));

        // Vector<T> has no mask of its own; its width is fixed for the process, so only one of these is compiled.
        var mask = Vector<byte>.Count == Vector256<byte>.Count
            ? specialBytes.AsVector256().ExtractMostSignificantBits()
            : specialBytes.AsVector128().ExtractMostSignificantBits();
        while (mask != 0)
        {
            var special = blockStart + BitOperations.TrailingZeroCount(mask);
            written += special - i;
            i = special;
            if (payload[i] != '\\' || i + 1 >= payload.Length || payload[i + 1] != '"')
            {
                return false;
            }

            buffer[written++] = (byte)'"';
            i += 2;
            var consumed = i - blockStart;
            if (consumed >= Vector<byte>.Count || i + Vector<byte>.Count > payload.Length)
            {
                // Past the block, or too near the end for another store: the caller goes on from i.
                return true;
            }

            mask &= uint.MaxValue << consumed;
            Vector.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref target, (nuint)written);
        }

        // The rest of the block is clean and already stored.
        written += blockStart + Vector<byte>.Count - i;
        i = blockStart + Vector<byte>.Count;
        return true;
    }

    /// <summary>
    /// Copies the 64 bytes at <paramref name="i"/> with their <c>\"</c> and <c>\\</c> escapes unescaped in one step, where
    /// the CPU can drop bytes from a vector by a mask (AVX-512 VBMI2): a reply escapes every quote of its message a few
    /// bytes apart (and every backslash, where a value holds JSON as text), so this is the common block. Only a block
    /// whose escapes are all of those two, with no unescaped quote and no control byte, is taken; anything else is
    /// left to <see cref="TryCopyBlock"/>.
    /// </summary>
    /// <returns>False, with nothing written, when the block is not of that kind.</returns>
    private static bool TryCompressBlock(ReadOnlySpan<byte> payload, ref int i, byte[] buffer, ref int written)
    {
        var block = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(payload), (nuint)i);
        var isBackslash = Vector512.Equals(block, Vector512.Create((byte)'\\'));
        var backslashes = isBackslash.ExtractMostSignificantBits();
        var quotes = Vector512.Equals(block, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
        if (Vector512.LessThan(block, Vector512.Create((byte)' ')).ExtractMostSignificantBits() != 0)
        {
            return false;
        }

        // The block starts on an escape's first byte or outside one (a block never ends inside an escape), so each
        // escape starts at the first backslash not escaped itself.
        Vector512<byte> dropped;
        var escapes = backslashes;
        if (quotes == backslashes << 1)
        {
            // Only \" escapes: every backslash starts one.
            dropped = isBackslash;
        }
        else
        {
            escapes = 0;
            for (var rest = backslashes; rest != 0; rest &= ~(3UL << BitOperations.TrailingZeroCount(rest)))
            {
                escapes |= 1UL << BitOperations.TrailingZeroCount(rest);
            }

            var escaped = escapes << 1;
            if ((escaped & ~(quotes | backslashes)) != 0 || (quotes & ~escaped) != 0)
            {
                return false;
            }

            dropped = LanesOf(escapes);
        }

        // An escape that starts at the last byte ends in the next block: this block stops before it (its backslash is
        // dropped from the vector, and the next block starts on it).
        var length = Vector512<byte>.Count;
        if (escapes >> 63 != 0)
        {
            escapes &= ~(1UL << 63);
            length--;
        }

        // The kept bytes, in order; the whole vector is stored, which stays inside the buffer as written <= i.
        var kept = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ~dropped, block);
        kept.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)written);
        written += length - BitOperations.PopCount(escapes);
        i += length;
        return true;
    }

    /// <summary>A vector whose byte n is all ones where bit n of <paramref name="bits"/> is set, zero elsewhere.</summary>
    private static Vector512<byte> LanesOf(ulong bits)
    {
        // Byte n gets the mask's byte n / 8, then keeps its bit n % 8.
        var spread = Vector512.Shuffle(Vector512.Create(bits).AsByte(), ByteOfLane);
        return ~Vector512.Equals(spread & BitOfLane, Vector512<byte>.Zero);
    }

    /// <summary>Unescapes the escape at <paramref name="i"/> (a backslash); false for an invalid one or a lone surrogate.</summary>
    private static bool TryUnescapeOne(ReadOnlySpan<byte> payload, ref int i, byte[] buffer, ref int written)
    {
        if (i + 1 >= payload.Length)
        {
            return false;
        }

        byte simple;
        switch (payload[i + 1])
        {
            case (byte)'"': simple = (byte)'"'; break;
            case (byte)'\\': simple = (byte)'\\'; break;
            case (byte)'/': simple = (byte)'/'; break;
            case (byte)'b': simple = (byte)'\b'; break;
            case (byte)'f': simple = (byte)'\f'; break;
            case (byte)'n': simple = (byte)'\n'; break;
            case (byte)'r': simple = (byte)'\r'; break;
            case (byte)'t': simple = (byte)'\t'; break;
            case (byte)'u':
                return TryUnescapeUnicode(payload, ref i, buffer, ref written);
            default:
                return false;
        }

        buffer[written++] = simple;
        i += 2;
        return true;
    }

    private static bool TryUnescapeUnicode(ReadOnlySpan<byte> payload, ref int i, byte[] buffer, ref int written)
    {
        if (!TryReadHex(payload, i + 2, out var unit))
        {
            return false;
        }

        i += 6;
        int scalar = unit;
        if (char.IsHighSurrogate((char)unit))
        {
            if (i + 1 >= payload.Length || payload[i] != '\\' || payload[i + 1] != 'u'
                || !TryReadHex(payload, i + 2, out var low) || !char.IsLowSurrogate((char)low))
            {
                return false;
            }

            scalar = char.ConvertToUtf32((char)unit, (char)low);
            i += 6;
        }
        else if (char.IsLowSurrogate((char)unit))
        {
            return false;
        }

        written += new Rune(scalar).EncodeToUtf8(buffer.AsSpan(written));
        return true;
    }

    private static bool TryReadHex(ReadOnlySpan<byte> payload, int at, out int value)
    {
        value = 0;
        if (at + 4 > payload.Length)
        {
            return false;
        }

        for (var k = at; k < at + 4; k++)
        {
            var digit = HexDigitValue(payload[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexDigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
