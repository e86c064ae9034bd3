using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kiwigrid.Emulator.Bus;

/// <summary>
/// The server side of the SockJS WebSocket framing (PROTOCOL.md §3). Written independently of the client's codec,
/// so that a shared bug cannot hide on both ends.
/// </summary>
internal static class SockJsFrames
{
    public const string Open = "o";
    public const string Heartbeat = "h";

    /// <summary>What sockjs-node and Vert.x send when the session ends from the server side.</summary>
    public const string GoAway = "c[3000,\"Go away!\"]";

    /// <summary>
    /// <c>a[…]</c> holding each message as a JSON string. Like Vert.x, every character outside printable ASCII is
    /// written as <c>\uXXXX</c> (emoji as a surrogate pair), which covers what SockJS requires escaped:
    /// U+2028/U+2029, control characters and lone surrogates.
    /// </summary>
    public static string Messages(IEnumerable<string> messages)
    {
        var frame = new StringBuilder("a[");
        var first = true;
        foreach (var message in messages)
        {
            if (!first)
            {
                frame.Append(',');
            }

            first = false;
            AppendJsonString(frame, message);
        }

        return frame.Append(']').ToString();
    }

    /// <summary>
    /// Reads a client frame: a JSON array of JSON strings (or, as sockjs-node also takes it, one JSON string).
    /// An empty frame or <c>[]</c> yields no messages; anything else is broken framing and yields null.
    /// </summary>
    public static IReadOnlyList<string>? ParseClientFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty)
        {
            return [];
        }

        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var single = reader.GetString()!;
                return reader.Read() ? null : [single];
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var messages = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                messages.Add(reader.GetString()!);
            }

            // The array must be closed and nothing may follow it.
            return reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? messages : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // GetString on a string holding a lone surrogate escape.
            return null;
        }
    }

    private static void AppendJsonString(StringBuilder frame, string value)
    {
        frame.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    frame.Append("\\\"");
                    break;
                case '\\':
                    frame.Append("\\\\");
                    break;
                case '\n':
                    frame.Append("\\n");
                    break;
                case '\r':
                    frame.Append("\\r");
                    break;
                case '\t':
                    frame.Append("\\t");
                    break;
                case < ' ' or >= '\u007f':
                    frame.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    frame.Append(c);
                    break;
            }
        }

        frame.Append('"');
    }
}
