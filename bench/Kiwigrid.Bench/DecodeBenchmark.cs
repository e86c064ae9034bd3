using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 1: <c>getDevices</c> reply frames decoded into devices by the client, and by the usual Node.js code
/// (<c>bench/node/decode.js</c>) on the same frame files. Each side warms up for a second, then measures
/// <see cref="BenchSettings.Rounds"/> rounds and keeps the median.
/// </summary>
internal static class DecodeBenchmark
{
    private const double Target = 1.5;

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine("== 1. Decode: getDevices reply frames → devices");
        var frames = DecodeFrame.FromWizardDumps();
        var folder = Path.Combine(Path.GetTempPath(), "kiwigrid-bench-frames-" + Environment.ProcessId);
        DecodeFrame.WriteAll(frames, folder);
        try
        {
            var client = frames.Select(f => MeasureClient(f, settings)).ToList();
            var node = await MeasureNodeAsync(folder, settings);
            return Report(frames, client, node);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ClientFigures MeasureClient(DecodeFrame frame, BenchSettings settings)
    {
        var tags = ClientDecodePath.Decode(frame.Bytes);
        Loop(frame.Bytes, TimeSpan.FromSeconds(1));
        var rates = new List<double>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            rates.Add(Loop(frame.Bytes, settings.RoundLength));
        }

        // Allocation on this thread only: decoding is synchronous, so that is all of it.
        const int Counted = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Counted; i++)
        {
            ClientDecodePath.Decode(frame.Bytes);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / Counted;
        rates.Sort();
        return new ClientFigures(tags, rates[rates.Count / 2], allocated);
    }

    /// <returns>Messages per second.</returns>
    private static double Loop(byte[] frame, TimeSpan length)
    {
        var count = 0;
        var sink = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < length)
        {
            for (var i = 0; i < 8; i++)
            {
                sink += ClientDecodePath.Decode(frame);
            }

            count += 8;
        }

        GC.KeepAlive(sink);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<Dictionary<string, NodeFigures>> MeasureNodeAsync(string folder, BenchSettings settings)
    {
        var script = Path.Combine(RepoPaths.Root, "bench", "node", "decode.js");
        await using var node = await NodePeer.StartAsync(
            script,
            [folder, settings.RoundLength.TotalSeconds.ToString(CultureInfo.InvariantCulture), settings.Rounds.ToString(CultureInfo.InvariantCulture)],
            waitForPort: false);
        if (await node.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
        {
            throw new InvalidOperationException("bench/node/decode.js failed:\n" + node.Output);
        }

        var figures = new Dictionary<string, NodeFigures>(StringComparer.Ordinal);
        foreach (var line in node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            figures[root.GetProperty("name").GetString()!] = new NodeFigures(root.GetProperty("tags").GetInt32(), root.GetProperty("messagesPerSecond").GetDouble());
        }

        return figures;
    }

    private static string Report(IReadOnlyList<DecodeFrame> frames, List<ClientFigures> client, Dictionary<string, NodeFigures> node)
    {
        var table = new StringBuilder();
        table.AppendLine("| frame (real dump) | devices | frame bytes | client msg/s | client MB/s | client bytes allocated/msg | Node.js msg/s | ratio client/Node |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var ratios = new List<double>();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var ours = client[i];
            var theirs = node[frame.Name];
            if (theirs.Tags != ours.Tags)
            {
                throw new InvalidOperationException($"{frame.Name}: the client read {ours.Tags} tags, Node.js {theirs.Tags}; the two sides do not do the same work.");
            }

            var ratio = ours.MessagesPerSecond / theirs.MessagesPerSecond;
            ratios.Add(ratio);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {frame.Name} | {frame.Devices} | {frame.Bytes.Length:N0} | {ours.MessagesPerSecond:N0} | {ours.MessagesPerSecond * frame.Bytes.Length / 1e6:N1} | {ours.AllocatedPerMessage:N0} | {theirs.MessagesPerSecond:N0} | **{ratio:0.00}×** |");
        }

        var geometricMean = Math.Exp(ratios.Average(Math.Log));
        var verdict = geometricMean >= Target ? "met" : "**missed**";
        const string ReplyShape = """{"address","body":{"status","result":{"offset","limit","total","items"},"code","message"}}""";
        var text = $$"""
            Frames: each real wizard dump's items as a cloud `getDevices` reply (`{{ReplyShape}}`,
            Vert.x 2 dialect), compact JSON escaped as one SockJS `a["…"]` frame (non-ASCII as `\uXXXX`, as Vert.x does).
            Client: `SockJsFrameDecoder.Decode` → `EventBusInboundMessage.Parse` → `ServiceRequester.ReadReply` with
            `DevicePage.Read`, from the frame's UTF-8 bytes (what the read loop and `GetDevicesAsync` do: one pass, no document).
            Node.js (`bench/node/decode.js`): bytes → string, `JSON.parse` of the frame's array, `JSON.parse` of each message,
            status check, class chain and tag count per item (tags left as plain objects). Both count the same number of tags.
            Median of the rounds after a 1 s warm-up; one thread each.

            {{table}}
            Geometric mean of the ratios: **{{geometricMean:0.00}}×** (target ≥ {{Target}}×: {{verdict}}).
            """;
        Console.WriteLine(table);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode: client/Node geometric mean {geometricMean:0.00}x (target >= {Target}x: {verdict})"));
        return text;
    }

    private sealed record ClientFigures(int Tags, double MessagesPerSecond, long AllocatedPerMessage);

    private sealed record NodeFigures(int Tags, double MessagesPerSecond);
}
