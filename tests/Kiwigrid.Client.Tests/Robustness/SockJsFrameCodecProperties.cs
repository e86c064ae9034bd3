using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using CsCheck;

using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Client.SockJs;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>Properties of the client's SockJS codec over random input: exact round trips, and only protocol errors.</summary>
public sealed class SockJsFrameCodecProperties
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Any_well_formed_text_survives_our_encoder_and_the_decoder_unchanged()
    {
        ArbitraryJson.WellFormedString.Sample(text =>
        {
            var frame = new ArrayBufferWriter<byte>();
            frame.Write("a"u8);
            SockJsFrameEncoder.WriteFrame(MessageWithBody(text), frame);

            var decoded = SockJsFrameDecoder.Decode(frame.WrittenSpan);

            Assert.Equal(SockJsFrameType.Messages, decoded.Type);
            Assert.Equal(text, EventBusInboundMessage.Parse(Assert.Single(decoded.Messages)).Body.ToElement().GetString());
        }, iter: 3000);
    }

    [Fact]
    public void Any_well_formed_text_survives_the_vertx_escaping_of_every_non_ascii_character()
    {
        Gen.Select(ArbitraryJson.WellFormedString, ArbitraryJson.WellFormedString).Sample((first, second) =>
        {
            var frame = Encoding.UTF8.GetBytes($"a[{EscapeAll(MessageText(first))},{EscapeAll(MessageText(second))}]");

            var decoded = SockJsFrameDecoder.Decode(frame);

            Assert.Equal([first, second], decoded.Messages.Select(m => EventBusInboundMessage.Parse(m).Body.ToElement().GetString()));
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_bytes_only_ever_raise_a_protocol_error()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => DecodeAndParse(bytes), iter: 5000);
    }

    [Fact]
    public void Frame_shaped_input_with_arbitrary_json_only_ever_raises_a_protocol_error()
    {
        var messageFrames = ArbitraryJson.Object.Array[0, 3].Select(messages =>
            "a[" + string.Join(',', messages.Select(m => "\"" + JsonEncodedText.Encode(m, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"")) + "]");
        var otherFrames = Gen.Select(Gen.OneOf("a", "c", "o", "h", ""), ArbitraryJson.Value).Select((type, json) => type + json);
        Gen.Frequency<string>((3, messageFrames), (1, otherFrames)).Sample(frame => DecodeAndParse(Encoding.UTF8.GetBytes(frame)), iter: 3000);
    }

    [Fact]
    public void Lone_surrogate_escapes_are_a_protocol_error_in_messages_and_close_reasons()
    {
        Assert.Throws<KiwigridProtocolException>(() => SockJsFrameDecoder.Decode("a[\"{\\\"body\\\":\\\"\\\\ud800\\\"}\", \"\\ud800\"]"u8));
        Assert.Throws<KiwigridProtocolException>(() => SockJsFrameDecoder.Decode("c[3000,\"\\ud800\"]"u8));
    }

    [Theory]
    [InlineData("a[\"", "x")]
    [InlineData("a[\"", "\\u0041")]
    [InlineData("a[", "[")]
    [InlineData("a[", "\"{}\",")]
    [InlineData("c[3000,\"", "\\u2028")]
    [InlineData("", "\u00ff")]
    public void Ten_megabytes_of_garbage_are_rejected_without_allocating_far_more_than_their_size(string prefix, string pattern)
    {
        var garbage = AllocationMeter.Garbage(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(pattern));
        Assert.Throws<KiwigridProtocolException>(() => SockJsFrameDecoder.Decode(garbage));

        var allocated = AllocationMeter.Measure(() => SockJsFrameDecoder.Decode(garbage));

        Assert.True(allocated < (2L * garbage.Length) + (1 << 20), $"Decoding {garbage.Length} bytes of garbage allocated {allocated} bytes.");
    }

    /// <summary>The client's path for a frame: decode it, then read every message as <see cref="ReadMessage"/> does.</summary>
    internal static void DecodeAndParse(byte[] bytes)
    {
        SockJsFrame frame;
        try
        {
            frame = SockJsFrameDecoder.Decode(bytes);
        }
        catch (KiwigridProtocolException)
        {
            // The one documented outcome for bad input.
            return;
        }

        foreach (var message in frame.Messages)
        {
            ReadMessage(message);
        }
    }

    /// <summary>
    /// The client's path for one message: its envelope, then its body both as a subscriber gets it and as
    /// <c>GetDevicesAsync</c> reads a reply. Only protocol errors (and the service errors a reply may carry) may come out.
    /// </summary>
    internal static void ReadMessage(ReadOnlyMemory<byte> json)
    {
        try
        {
            var body = EventBusInboundMessage.Parse(json).Body;
            if (!body.IsPresent)
            {
                return;
            }

            body.ToElement();
            ServiceRequester.ReadReply(body, "deviceservice", "getDevices", DevicePage.Read);
        }
        catch (Exception e) when (e is KiwigridProtocolException or KiwigridServiceException)
        {
            // The documented outcomes for bad input.
        }
    }

    private static byte[] MessageWithBody(string body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            writer.WriteString("address", "deviceservice");
            writer.WriteString("body", body);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string MessageText(string body) => Encoding.UTF8.GetString(MessageWithBody(body));

    /// <summary>A JSON string literal with every character outside printable ASCII as <c>\uXXXX</c>, as Vert.x writes it.</summary>
    private static string EscapeAll(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => literal.Append("\\\""),
                '\\' => literal.Append("\\\\"),
                < ' ' or > '~' => literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => literal.Append(c),
            };
        }

        return literal.Append('"').ToString();
    }
}
