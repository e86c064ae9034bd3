using System.Buffers;
using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// Where a walk through one object or array of a <see cref="JsonView"/> stands. The text was checked as JSON when the
/// view was made, so the walk reads bytes, not tokens: a number to the next delimiter, a string, object or array by
/// its quotes and brackets (<see cref="StructuralSkip"/>, 16 bytes at a time: the weather forecasts are long strings
/// full of escaped quotes). Tokenizing again with a reader took about as long as the check itself.
/// </summary>
internal struct JsonViewCursor
{
    private static readonly SearchValues<byte> AfterScalar = SearchValues.Create(",]} \t\r\n/"u8);
    private static readonly JsonReaderOptions CommentsSkipped = new() { CommentHandling = JsonCommentHandling.Skip };

    private readonly ReadOnlyMemory<byte> _container;
    private int _at;
    private bool _ended;

    /// <param name="container">The text of an object or array that is valid JSON (comments allowed).</param>
    public JsonViewCursor(ReadOnlyMemory<byte> container)
    {
        _container = container;
        _at = 1;
        _ended = false;
    }

    /// <summary>
    /// The next token inside the container at its own level: a property name with its quotes, or a whole value (an
    /// object or array with everything inside it); false once the closing bracket is reached.
    /// </summary>
    public bool Next(out ReadOnlyMemory<byte> token)
    {
        token = default;
        if (_ended)
        {
            return false;
        }

        var text = _container.Span;
        var start = SkipSeparators(text, _at);
        int end;
        switch (text[start])
        {
            case (byte)']' or (byte)'}':
                _ended = true;
                return false;
            case (byte)'"' or (byte)'{' or (byte)'[':
                var length = StructuralSkip.LengthOf(text[start..]);
                end = length > 0 ? start + length : SkippedByReader(text, start);
                break;
            default:
                var delimiter = text[start..].IndexOfAny(AfterScalar);
                end = delimiter < 0 ? text.Length : start + delimiter;
                break;
        }

        token = _container[start..end];
        _at = end;
        return true;
    }

    // Between tokens: white space, the commas and colons, and comments.
    private static int SkipSeparators(ReadOnlySpan<byte> text, int at)
    {
        while (true)
        {
            switch (text[at])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':':
                    at++;
                    break;
                case (byte)'/' when text[at + 1] == (byte)'/':
                    var lineEnd = text[at..].IndexOf((byte)'\n');
                    at = lineEnd < 0 ? text.Length - 1 : at + lineEnd + 1;
                    break;
                case (byte)'/':
                    at += text[(at + 2)..].IndexOf("*/"u8) + 4;
                    break;
                default:
                    return at;
            }
        }
    }

    // An object or array with a comment inside, whose brackets the structural skip cannot trust.
    private static int SkippedByReader(ReadOnlySpan<byte> text, int start)
    {
        var reader = new Utf8JsonReader(text[start..], CommentsSkipped);
        reader.Read();
        reader.Skip();
        return start + (int)reader.BytesConsumed;
    }
}
