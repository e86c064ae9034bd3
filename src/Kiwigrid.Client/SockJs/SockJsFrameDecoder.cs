using System.Buffers;
using System.Text.Json;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// Decodes server frames straight from the UTF-8 bytes of a WebSocket message. The messages of an <c>a</c> frame are
/// unescaped once into an array rented from the shared pool, so the receive buffer can be reused at once; they are
/// not parsed here (the event bus reads each in one pass, and the frame goes back to the pool after that). Both escaping styles are plain JSON: Vert.x's <c>\uXXXX</c> and
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
                return DecodeMessages(payload);
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

    private static SockJsFrame DecodeMessages(ReadOnlySpan<byte> payload)
    {
        // Unescaping never makes a string longer. A reply is read while the read loop still holds its frame, so the
        // array goes back to the pool after that: a 100 kB reply every few seconds costs no new large array each time.
        var unescaped = ArrayPool<byte>.Shared.Rent(payload.Length);
        try
        {
            return SockJsFrame.ForMessages(Unescape(payload, unescaped), unescaped);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(unescaped);
            throw;
        }
    }

    private static List<ReadOnlyMemory<byte>> Unescape(ReadOnlySpan<byte> payload, byte[] unescaped)
    {
        var messageEnds = new List<int>(1);
        if (SockJsMessageArray.TryUnescape(payload, unescaped, messageEnds))
        {
            var messages = new List<ReadOnlyMemory<byte>>(messageEnds.Count);
            var start = 0;
            foreach (var end in messageEnds)
            {
                messages.Add(unescaped.AsMemory(start, end - start));
                start = end;
            }

            return messages;
        }

        // Not the usual form (whitespace, an escape error, not an array of strings): the reader takes it and names the problem.
        try
        {
            // A first pass that allocates nothing: a frame that is not one closed array of strings is refused before
            // any message is copied, so garbage of millions of tiny "items" cannot cost an array each.
            var count = CountMessages(payload);
            var messages = new List<ReadOnlyMemory<byte>>(count);
            var reader = new Utf8JsonReader(payload);
            reader.Read();
            var written = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var length = CopyMessage(ref reader, unescaped.AsSpan(written), messages.Count);
                messages.Add(unescaped.AsMemory(written, length));
                written += length;
            }

            return messages;
        }
        catch (JsonException e)
        {
            throw new KiwigridProtocolException($"The server sent a SockJS message frame that is not valid JSON: {e.Message}", e);
        }
    }

    private static int CountMessages(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new KiwigridProtocolException("The server sent a SockJS message frame that is not 'a' followed by a JSON array.");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new KiwigridProtocolException(
                    $"The server sent a SockJS message frame whose item {count} is a JSON {reader.TokenType}, not a JSON-encoded string.");
            }

            count++;
        }

        ExpectEnd(ref reader, "message");
        return count;
    }

    /// <returns>The number of bytes written.</returns>
    private static int CopyMessage(ref Utf8JsonReader frameReader, Span<byte> destination, int index)
    {
        if (!frameReader.ValueIsEscaped)
        {
            frameReader.ValueSpan.CopyTo(destination);
            return frameReader.ValueSpan.Length;
        }

        try
        {
            return frameReader.CopyString(destination);
        }
        catch (InvalidOperationException e)
        {
            // A lone surrogate (\ud800 without its pair) has no UTF-8 form.
            throw new KiwigridProtocolException($"The server sent message {index} with an escape that has no UTF-8 form: {e.Message}", e);
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
        catch (InvalidOperationException e)
        {
            // A reason holding a lone surrogate escape (\ud800) has no .NET string form.
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
