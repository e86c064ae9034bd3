using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Client.Tests.SockJs;

/// <summary>Our client frames against the frames real clients put on the wire.</summary>
public sealed class ClientFrameEncodingTests
{
    [Theory]
    [MemberData(nameof(GoldenFrames.Files), MemberType = typeof(GoldenFrames))]
    public void The_ping_is_byte_identical_to_the_captured_one(string file)
    {
        var captured = GoldenFrames.ClientFrames(file).First(f => f.Contains("ping", StringComparison.Ordinal));

        Assert.Equal(captured, Frame(EventBusMessageWriter.Ping()));
    }

    [Fact]
    public void The_send_is_byte_identical_to_the_legacy_capture()
    {
        var captured = GoldenFrames.ClientFrames(GoldenFrames.Legacy).Single(f => f.Contains("\\\"send\\\"", StringComparison.Ordinal));
        var message = CapturedMessage(captured);

        var ours = Frame(EventBusMessageWriter.Send(
            message["address"]!.GetValue<string>(), message["replyAddress"]!.GetValue<string>(), message["body"]!.AsObject()));

        Assert.Equal(captured, ours);
    }

    [Theory]
    [MemberData(nameof(GoldenFrames.Files), MemberType = typeof(GoldenFrames))]
    public void Register_and_publish_carry_what_the_official_client_sends_but_its_empty_headers(string file)
    {
        foreach (var captured in GoldenFrames.ClientFrames(file).Where(f => f.Contains("register", StringComparison.Ordinal) || f.Contains("publish", StringComparison.Ordinal)))
        {
            var message = CapturedMessage(captured);
            var address = message["address"]!.GetValue<string>();
            var ours = message["type"]!.GetValue<string>() == "register"
                ? EventBusMessageWriter.Register(address)
                : EventBusMessageWriter.Publish(address, message["body"]!.AsObject());

            Assert.Empty(message["headers"]!.AsObject());
            message.Remove("headers");
            Assert.True(JsonNode.DeepEquals(message, JsonNode.Parse(ours)), captured);
        }
    }

    [Fact]
    public void Non_ascii_text_stays_utf8_like_the_javascript_client_sends_it()
    {
        var captured = GoldenFrames.ClientFrames(GoldenFrames.SockJsNode).First(f => f.Contains("äöü €", StringComparison.Ordinal));
        var message = CapturedMessage(captured);

        var ours = Frame(EventBusMessageWriter.Send("deviceservice", "r", message["body"]!.AsObject()));

        Assert.Contains("\\\"text\\\":\\\"äöü €\\\"", ours, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_escaped_like_JSON_stringify()
    {
        // JSON.stringify(JSON.stringify({s:'q"b\\n\n\t\u0001'})) in Node gives this frame body.
        var message = Encoding.UTF8.GetBytes("{\"s\":\"q\\\"b\\\\n\n\t\u0001\u001f\b\f\r\"}");

        Assert.Equal("[\"{\\\"s\\\":\\\"q\\\\\\\"b\\\\\\\\n\\n\\t\\u0001\\u001f\\b\\f\\r\\\"}\"]", Frame(message));
    }

    [Fact]
    public void Every_encoded_frame_decodes_back_to_its_message()
    {
        var body = new JsonObject { ["text"] = "ä€°C😀\u2028\"\\", ["n"] = 1 };
        var message = EventBusMessageWriter.Send("deviceservice", "reply", body);

        var frame = Frame(message);
        using var outer = JsonDocument.Parse(frame);

        Assert.Equal(Encoding.UTF8.GetString(message), outer.RootElement[0].GetString());
    }

    private static string Frame(ReadOnlySpan<byte> message)
    {
        var output = new ArrayBufferWriter<byte>();
        SockJsFrameEncoder.WriteFrame(message, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static JsonObject CapturedMessage(string clientFrame) =>
        JsonNode.Parse(JsonNode.Parse(clientFrame)![0]!.GetValue<string>())!.AsObject();
}
