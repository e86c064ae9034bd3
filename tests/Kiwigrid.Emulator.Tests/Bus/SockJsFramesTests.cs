using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Bus;
using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Bus;

/// <summary>The server codec against frames captured from real peers (tests/fixtures/frames).</summary>
public sealed class SockJsFramesTests
{
    public static TheoryData<string> Captures => new() { "kiwigrid-legacy-capture.jsonl", "vertx-3.9.4.jsonl", "sockjs-node-0.3.24.jsonl" };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_captured_client_frame_parses_into_event_bus_objects(string capture)
    {
        var frames = Frames(capture, "C->S");

        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var messages = SockJsFrames.ParseClientFrame(Encoding.UTF8.GetBytes(frame));
            Assert.NotNull(messages);
            Assert.All(messages, m => Assert.IsType<JsonObject>(JsonNode.Parse(m)));
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Re_encoding_captured_server_messages_gives_the_same_messages_in_ascii(string capture)
    {
        foreach (var frame in Frames(capture, "S->C").Where(f => f.StartsWith('a')))
        {
            var captured = JsonNode.Parse(frame[1..])!.AsArray().Select(m => m!.GetValue<string>()).ToList();

            var encoded = SockJsFrames.Messages(captured);

            Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
            var decoded = JsonNode.Parse(encoded[1..])!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.Equal(captured.Select(m => JsonNode.Parse(m)!.ToJsonString()), decoded.Select(m => JsonNode.Parse(m)!.ToJsonString()));
        }
    }

    [Theory]
    [InlineData("[\"a\",1]")]
    [InlineData("{\"type\":\"ping\"}")]
    [InlineData("[\"a\"] x")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("[")]
    public void Broken_framing_is_refused(string frame)
    {
        Assert.Null(SockJsFrames.ParseClientFrame(Encoding.UTF8.GetBytes(frame)));
    }

    [Fact]
    public void Lone_surrogates_and_controls_are_escaped()
    {
        var frame = SockJsFrames.Messages(["\ud800\u0001\u2029"]);

        Assert.Equal("a[\"\\ud800\\u0001\\u2029\"]", frame);
    }

    private static List<string> Frames(string capture, string direction) =>
        [.. File.ReadLines(RepoPaths.Fixture("frames", capture))
            .Select(line => JsonNode.Parse(line)!)
            .Where(entry => entry["direction"]?.GetValue<string>() == direction)
            .Select(entry => entry["frame"]!.GetValue<string>())];
}
