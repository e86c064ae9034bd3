using System.Text.Json;
using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.SockJs;

/// <summary>The frames captured from real peers in <c>tests/fixtures/frames</c>.</summary>
internal static class GoldenFrames
{
    public const string Legacy = "kiwigrid-legacy-capture.jsonl";
    public const string VertX = "vertx-3.9.4.jsonl";
    public const string SockJsNode = "sockjs-node-0.3.24.jsonl";

    public static TheoryData<string> Files => new() { Legacy, VertX, SockJsNode };

    public static IReadOnlyList<string> ServerFrames(string file) => Frames(file, "S->C");

    public static IReadOnlyList<string> ClientFrames(string file) => Frames(file, "C->S");

    private static List<string> Frames(string file, string direction)
    {
        var frames = new List<string>();
        foreach (var line in File.ReadLines(RepoPaths.Fixture("frames", file)))
        {
            using var entry = JsonDocument.Parse(line);
            if (entry.RootElement.TryGetProperty("direction", out var d) && d.GetString() == direction)
            {
                frames.Add(entry.RootElement.GetProperty("frame").GetString()!);
            }
        }

        return frames;
    }
}
