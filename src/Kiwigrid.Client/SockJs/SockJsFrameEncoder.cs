using System.Buffers;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// Wraps one message into a client frame, <c>["…"]</c>, escaping it the way JavaScript's <c>JSON.stringify</c> does
/// (<c>\"</c>, <c>\\</c>, short escapes for control characters, non-ASCII kept as UTF-8), so our frames are
/// byte-identical to those of the browser clients. No spaces: Vert.x drops a connection on <c>[ "…" ]</c>.
/// </summary>
internal static class SockJsFrameEncoder
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <param name="message">The message as UTF-8 JSON.</param>
    /// <param name="output">Receives the whole frame.</param>
    public static void WriteFrame(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        // Worst case: every byte a six-byte \u00XX escape.
        var span = output.GetSpan((message.Length * 6) + 4);
        span[0] = (byte)'[';
        span[1] = (byte)'"';
        var at = 2;
        foreach (var b in message)
        {
            switch (b)
            {
                case (byte)'"' or (byte)'\\':
                    span[at++] = (byte)'\\';
                    span[at++] = b;
                    break;
                case (byte)'\n':
                    at = WriteShortEscape(span, at, (byte)'n');
                    break;
                case (byte)'\r':
                    at = WriteShortEscape(span, at, (byte)'r');
                    break;
                case (byte)'\t':
                    at = WriteShortEscape(span, at, (byte)'t');
                    break;
                case (byte)'\b':
                    at = WriteShortEscape(span, at, (byte)'b');
                    break;
                case (byte)'\f':
                    at = WriteShortEscape(span, at, (byte)'f');
                    break;
                case < 0x20:
                    "\\u00"u8.CopyTo(span[at..]);
                    span[at + 4] = HexDigits[b >> 4];
                    span[at + 5] = HexDigits[b & 0xf];
                    at += 6;
                    break;
                default:
                    span[at++] = b;
                    break;
            }
        }

        span[at++] = (byte)'"';
        span[at++] = (byte)']';
        output.Advance(at);
    }

    private static int WriteShortEscape(Span<byte> span, int at, byte letter)
    {
        span[at] = (byte)'\\';
        span[at + 1] = letter;
        return at + 2;
    }
}
