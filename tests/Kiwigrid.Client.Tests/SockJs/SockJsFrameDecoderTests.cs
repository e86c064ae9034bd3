using System.Text;
using System.Text.Json;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Client.Tests.SockJs;

public sealed class SockJsFrameDecoderTests
{
    [Theory]
    [MemberData(nameof(GoldenFrames.Files), MemberType = typeof(GoldenFrames))]
    public void Every_captured_server_frame_decodes(string file)
    {
        var frames = GoldenFrames.ServerFrames(file);
        Assert.NotEmpty(frames);
        foreach (var text in frames)
        {
            var frame = SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(text));
            var expected = text[0] switch
            {
                'o' => SockJsFrameType.Open,
                'h' => SockJsFrameType.Heartbeat,
                'a' => SockJsFrameType.Messages,
                _ => SockJsFrameType.Close,
            };
            Assert.Equal(expected, frame.Type);
            if (frame.Type == SockJsFrameType.Messages)
            {
                // Each message must equal what a JavaScript peer gets from JSON.parse twice.
                using var outer = JsonDocument.Parse(text[1..]);
                Assert.Equal(outer.RootElement.GetArrayLength(), frame.Messages.Count);
                for (var i = 0; i < frame.Messages.Count; i++)
                {
                    using var inner = JsonDocument.Parse(outer.RootElement[i].GetString()!);
                    Assert.True(JsonElement.DeepEquals(inner.RootElement, Parse(frame.Messages[i])), $"message {i} of {text}");
                }
            }
        }
    }

    [Fact]
    public void The_legacy_reply_yields_its_address_and_body()
    {
        var reply = GoldenFrames.ServerFrames(GoldenFrames.Legacy).Single(f => f.StartsWith('a'));

        var message = Parse(Assert.Single(SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(reply)).Messages));

        Assert.Equal("a6b1a152-dbc8-48a6-b261-d9aa8c53b03e", message.GetProperty("address").GetString());
        Assert.False(message.TryGetProperty("type", out _));
        var body = message.GetProperty("body");
        Assert.Equal(200, body.GetProperty("code").GetInt32());
        Assert.Equal("CITY_NAME", body.GetProperty("result").GetProperty("items")[0]
            .GetProperty("tagValues").GetProperty("AddressLocation").GetProperty("value").GetProperty("city").GetString());
    }

    [Fact]
    public void The_captured_close_frame_gives_code_and_reason()
    {
        var close = GoldenFrames.ServerFrames(GoldenFrames.Legacy).Single(f => f.StartsWith('c'));

        var frame = SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(close));

        Assert.Equal(SockJsFrameType.Close, frame.Type);
        Assert.Equal(3000, frame.CloseCode);
        Assert.Equal("Go away!", frame.CloseReason);
    }

    [Fact]
    public void VertX_escaped_and_raw_utf8_echoes_give_the_same_strings()
    {
        var escaped = Echo(GoldenFrames.VertX);
        var raw = Echo(GoldenFrames.SockJsNode);

        foreach (var message in new[] { escaped, raw })
        {
            var body = message.GetProperty("body");
            Assert.Equal("äöü €", body.GetProperty("echo").GetProperty("text").GetString());
            Assert.Equal("°C", body.GetProperty("unit").GetString());
        }

        Assert.Equal("😀", escaped.GetProperty("body").GetProperty("nonBmp").GetString());
        Assert.Equal("\u2028", escaped.GetProperty("body").GetProperty("ctl").GetString());

        static JsonElement Echo(string file) => Parse(SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(
            GoldenFrames.ServerFrames(file).Single(f => f.Contains("echo", StringComparison.Ordinal)))).Messages[0]);
    }

    [Fact]
    public void Escaped_surrogate_pairs_and_raw_utf8_decode_to_identical_messages()
    {
        const string Escaped = """a["{\"t\":\"\\u00e4\\u20ac\\u00b0C\\ud83d\\ude00\\u2028\"}"]""";
        const string Raw = "a[\"{\\\"t\\\":\\\"ä€°C😀\u2028\\\"}\"]";

        var fromEscaped = Parse(SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(Escaped)).Messages[0]).GetProperty("t").GetString();
        var fromRaw = Parse(SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(Raw)).Messages[0]).GetProperty("t").GetString();

        Assert.Equal("ä€°C😀\u2028", fromEscaped);
        Assert.Equal(fromEscaped, fromRaw);
    }

    [Fact]
    public void A_frame_with_many_messages_yields_them_in_order()
    {
        const string Frame = """a["{\"n\":1}","{\"n\":2}","{\"n\":3}"]""";

        var messages = SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(Frame)).Messages;

        Assert.Equal([1, 2, 3], messages.Select(m => Parse(m).GetProperty("n").GetInt32()));
    }

    [Fact]
    public void A_large_message_survives_the_unescape_path()
    {
        var text = new string('x', 100_000) + "ä";
        var frame = "a[" + JsonSerializerFree.Quote("{\"text\":" + JsonSerializerFree.Quote(text) + "}") + "]";

        var message = Parse(Assert.Single(SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(frame)).Messages));

        Assert.Equal(text, message.GetProperty("text").GetString());
    }

    [Fact]
    public void Escapes_at_every_offset_of_a_vector_block_decode_exactly()
    {
        // The fast path unescapes whole 16- or 32-byte blocks: quotes, backslashes and other escapes must come out right
        // wherever they fall in a block, also straddling its end and the end of the frame.
        string[] pieces = ["x", "\"", "\"", "\\", "é", "\n", "/", "\u0001", "abcdefgh", "\"\\\""];
        var random = new Random(6);
        for (var round = 0; round < 600; round++)
        {
            var text = new StringBuilder(new string('y', round % 40));
            for (var k = random.Next(0, 60); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var value = text.ToString();
            var message = JsonSerializerFree.Quote("{\"t\":" + JsonSerializerFree.Quote(value) + "}");
            var frame = Encoding.UTF8.GetBytes("a[" + message + "," + message + "]");

            var messages = SockJsFrameDecoder.Decode(frame).Messages;

            Assert.Equal([value, value], messages.Select(m => Parse(m).GetProperty("t").GetString()));
        }
    }

    [Fact]
    public void Messages_outlive_the_buffer_they_were_decoded_from()
    {
        var bytes = Encoding.UTF8.GetBytes("""a["{\"a\":\"kept\"}"]""");
        var message = SockJsFrameDecoder.Decode(bytes).Messages[0];

        Array.Clear(bytes);

        Assert.Equal("kept", Parse(message).GetProperty("a").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("x", "unknown type")]
    [InlineData("oo", "open frame")]
    [InlineData("h ", "heartbeat frame")]
    [InlineData("a", "not valid JSON")]
    [InlineData("a{}", "not 'a' followed by a JSON array")]
    [InlineData("a[", "not valid JSON")]
    [InlineData("a[1]", "not a JSON-encoded string")]
    [InlineData("""a["{}"]x""", "not valid JSON")]
    [InlineData("""a["\ud800"]""", "no UTF-8 form")]
    [InlineData("c[3000]", "close frame")]
    [InlineData("""c["x","y"]""", "close frame")]
    [InlineData("""c[3000,"a",1]""", "close frame")]
    public void Malformed_frames_are_protocol_errors_with_a_clear_message(string frame, string expected)
    {
        var error = Assert.Throws<KiwigridProtocolException>(() => SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes(frame)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("The server sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_content_is_left_to_the_event_bus()
    {
        // The decoder only unwraps the SockJS array: whether each string holds a valid event-bus message is for the
        // envelope reader to say (see EventBusInboundMessageTests).
        var messages = SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes("""a["not json","[1]"]""")).Messages;

        Assert.Equal(["not json", "[1]"], messages.Select(m => Encoding.UTF8.GetString(m.Span)));
    }

    [Fact]
    public void Dense_escapes_come_out_as_sent_wherever_they_fall_in_a_block()
    {
        // A reply escapes every quote of its message a few bytes apart; the decoder unescapes 64 or 32 bytes at a time
        // where the CPU allows. Shifting the text by 0 to 129 bytes puts each kind of escape at every position of a block,
        // including a backslash at its last byte.
        const string Reply = """{"tagName":"PowerIn","value":12.5},{"v":"a\"b\\c"},{"t":"line\nnext\ttab"},{"n":"Zähler €😀"},{"e":""},""";
        for (var shift = 0; shift < 130; shift++)
        {
            var text = new string('x', shift) + string.Concat(Enumerable.Repeat(Reply, 6)) + new string('"', shift % 5);
            var frame = SockJsFrameDecoder.Decode(Encoding.UTF8.GetBytes("a[" + JsonSerializerFree.Quote(text) + "]"));

            Assert.Equal(text, Encoding.UTF8.GetString(Assert.Single(frame.Messages).Span));
        }
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> message)
    {
        var reader = new Utf8JsonReader(message.Span);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>JSON string quoting for building test frames, without reflection-based serialization.</summary>
    private static class JsonSerializerFree
    {
        public static string Quote(string value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStringValue(value);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
