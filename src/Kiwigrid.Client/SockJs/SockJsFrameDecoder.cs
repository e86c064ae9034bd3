using System.Buffers;
using System.Text.Json;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// Decodes server frames straight from the UTF-8 bytes of a WebSocket message. Each message of an <c>a</c> frame is
/// unescaped once into a pooled buffer, parsed once and cloned into a <see cref="JsonElement"/> that owns its bytes,
/// so the receive buffer can be reused at once. Both escaping styles are plain JSON: Vert.x's <c>\uXXXX</c> and
/// sockjs-node's raw UTF-8.
/// </summary>
internal static class SockJsFrameDecoder
{
    /// <exception cref="KiwigridProtocolException">The frame is not a well-formed SockJS server frame.</exception>
    public static SockJsFrame Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty)
        {
            throw new KiwigridProtocolException("The server sent an empty SockJS frame.");
        }

        var payload = frame[1..];
        switch (frame[0])
        {
            case (byte)'o':
                ExpectNoPayload(payload, "open");
                return SockJsFrame.Open;
            case (byte)'h':
                ExpectNoPayload(payload, "heartbeat");
                return SockJsFrame.Heartbeat;
            case (byte)'a':
                return SockJsFrame.ForMessages(DecodeMessages(payload));
            case (byte)'c':
                return DecodeClose(payload);
            default:
                throw new KiwigridProtocolException(
                    $"The server sent a SockJS frame of unknown type (first byte 0x{frame[0]:x2}); expected o, h, a or c.");
        }
    }

    private static void ExpectNoPayload(ReadOnlySpan<byte> payload, string frameName)
    {
        if (!payload.IsEmpty)
        {
            throw new KiwigridProtocolException($"The server sent a SockJS {frameName} frame with {payload.Length} unexpected trailing bytes.");
        }
    }

    private static List<JsonElement> DecodeMessages(ReadOnlySpan<byte> payload)
    {
        var messages = new List<JsonElement>(1);
        var rented = ArrayPool<byte>.Shared.Rent(payload.Length);
        try
        {
            if (SockJsMessageArray.TryUnescape(payload, rented, json => messages.Add(ParseObject(json, messages.Count))))
            {
                return messages;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        // Not the usual form (whitespace, an escape error, not an array of strings): the reader takes it and names the problem.
        messages.Clear();
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new KiwigridProtocolException("The server sent a SockJS message frame that is not 'a' followed by a JSON array.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new KiwigridProtocolException(
                        $"The server sent a SockJS message frame whose item {messages.Count} is a JSON {reader.TokenType}, not a JSON-encoded string.");
                }

                messages.Add(ParseMessage(ref reader, messages.Count));
            }

            ExpectEnd(ref reader, "message");
        }
        catch (JsonException e)
        {
            throw new KiwigridProtocolException($"The server sent a SockJS message frame that is not valid JSON: {e.Message}", e);
        }

        return messages;
    }

    private static JsonElement ParseMessage(ref Utf8JsonReader frameReader, int index)
    {
        // Unescaping never makes a string longer.
        var rented = ArrayPool<byte>.Shared.Rent(frameReader.ValueSpan.Length);
        try
        {
            int written;
            if (!frameReader.ValueIsEscaped)
            {
                // Only possible for messages without quotes, i.e. never for an object; parsed anyway for a precise error.
                frameReader.ValueSpan.CopyTo(rented);
                written = frameReader.ValueSpan.Length;
            }
            else
            {
                try
                {
                    written = frameReader.CopyString(rented);
                }
                catch (InvalidOperationException e)
                {
                    // A lone surrogate (\ud800 without its pair) has no UTF-8 form.
                    throw new KiwigridProtocolException($"The server sent message {index} with an escape that has no UTF-8 form: {e.Message}", e);
                }
            }

            return ParseObject(rented.AsMemory(0, written), index);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static JsonElement ParseObject(ReadOnlyMemory<byte> json, int index)
    {
        try
        {
            // One tokenising pass over the pooled buffer (JsonElement.ParseValue takes two: skip, then parse a copy);
            // the clone then copies bytes and index into arrays of its own, so the element outlives the pooled ones.
            using var document = JsonDocument.Parse(json);
            var message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new KiwigridProtocolException($"The server sent message {index} as a JSON {message.ValueKind}; event-bus messages are JSON objects.");
            }

            return message.Clone();
        }
        catch (JsonException e)
        {
            throw new KiwigridProtocolException($"The server sent message {index} whose content is not valid JSON: {e.Message}", e);
        }
    }

    private static SockJsFrame DecodeClose(ReadOnlySpan<byte> payload)
    {
        const string Expected = "The server sent a SockJS close frame that is not c[<code>,\"<reason>\"].";
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var code)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new KiwigridProtocolException(Expected);
            }

            var reason = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new KiwigridProtocolException(Expected);
            }

            ExpectEnd(ref reader, "close");
            return SockJsFrame.ForClose(code, reason);
        }
        catch (JsonException e)
        {
            throw new KiwigridProtocolException(Expected, e);
        }
    }

    private static void ExpectEnd(ref Utf8JsonReader reader, string frameName)
    {
        if (reader.Read())
        {
            throw new KiwigridProtocolException($"The server sent a SockJS {frameName} frame with data after its end.");
        }
    }
}
