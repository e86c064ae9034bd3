using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 1: <c>getDevices</c> reply frames decoded and used by the client and by plain Node.js
/// (<c>bench/node/decode.js</c>) on the same frame files, three kinds of work per real dump (parse, consume, cloud
/// frames); then today's cloud's HEMS answers (<c>bench/node/hems.js</c>). Within each row the sides take turns round
/// by round, so load from other work on the machine hits both alike; each side has a warm-up and
/// <see cref="BenchSettings.Rounds"/> rounds of half <see cref="BenchSettings.RoundLength"/>, the median kept.
/// </summary>
internal static class DecodeBenchmark
{
    private const double Target = 1.5;

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine("== 1. Decode: getDevices reply frames and HEMS answers, client and Node.js");
        var round = settings.RoundLength / 2;
        var folder = Path.Combine(Path.GetTempPath(), "kiwigrid-bench-decode-" + Environment.ProcessId);
        try
        {
            var lan = DecodeFrame.FromWizardDumps(FrameShape.Lan);
            var vertx2 = DecodeFrame.FromWizardDumps(FrameShape.CloudVertx2);
            var vertx3 = DecodeFrame.FromWizardDumps(FrameShape.CloudVertx3);
            var rows = new List<DecodeRow>();
            for (var i = 0; i < lan.Count; i++)
            {
                rows.Add(new DecodeRow(DecodeWork.Parse, lan[i]));
                rows.Add(new DecodeRow(DecodeWork.Consume, lan[i]));
                rows.Add(new DecodeRow(DecodeWork.Cloud, vertx2[i]));
                rows.Add(new DecodeRow(DecodeWork.Cloud, vertx3[i]));
            }

            var results = new List<DecodeResult>();
            foreach (var row in rows)
            {
                results.Add(await MeasureAsync(row, folder, round, settings.Rounds));
            }

            var hems = new List<HemsResult>();
            foreach (var payload in HemsPayload.Build())
            {
                hems.Add(await MeasureAsync(payload, folder, round, settings.Rounds));
            }

            Console.WriteLine("decode: where the client's time goes (cloud Vert.x 3 frames)");
            var stages = DecodeStages.Measure(vertx3, round);
            return DecodeReport.Write(results, hems, stages, Target, settings.Rounds, round);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<DecodeResult> MeasureAsync(DecodeRow row, string folder, TimeSpan round, int rounds)
    {
        var bytes = row.Frame.Bytes;
        Func<DecodeTally> work = row.Work switch
        {
            DecodeWork.Parse => () => new DecodeTally(ClientDecodePath.Parse(bytes), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            DecodeWork.Consume => () => ClientDecodePath.Consume(bytes, stamps: false),
            _ => () => ClientDecodePath.Consume(bytes, stamps: true),
        };
        var ours = work();
        var mode = row.Work.ToString().ToLowerInvariant();
        await using var node = await NodeRounds.StartAsync("decode.js", row.Frame.WriteTo(folder), mode);
        var (perSecond, nodePerSecond, allocated) = await DecodeMeasurement.RunAsync(work, node, round, rounds);
        var theirs = await node.TallyAsync<DecodeTally>();
        if (!ours.Matches(theirs))
        {
            throw new InvalidOperationException($"{row.Frame.Name} ({mode}): the client read {ours}, Node.js {theirs}; the two sides do not do the same work.");
        }

        var result = new DecodeResult(row, perSecond, allocated, nodePerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Frame.Name,-26} {row.Label,-16} client {perSecond,9:N0}/s {allocated,9:N0} B   Node.js {nodePerSecond,9:N0}/s   {result.Ratio:0.00}x"));
        return result;
    }

    private static async Task<HemsResult> MeasureAsync(HemsPayload payload, string folder, TimeSpan round, int rounds)
    {
        var body = payload.Bytes;
        HemsTally Work() => ClientHemsPath.Decode(body, payload.Kind);
        var ours = Work();
        var mode = payload.Kind == HemsPayloadKind.EnergyFlow ? "energy-flow" : "analytics";
        await using var node = await NodeRounds.StartAsync("hems.js", payload.WriteTo(folder), mode);
        var (perSecond, nodePerSecond, allocated) = await DecodeMeasurement.RunAsync(Work, node, round, rounds);
        var theirs = await node.TallyAsync<HemsTally>();
        if (!ours.Matches(theirs))
        {
            throw new InvalidOperationException($"{payload.Name}: the client read {ours}, Node.js {theirs}; the two sides do not do the same work.");
        }

        var result = new HemsResult(payload, perSecond, allocated, nodePerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {payload.Name,-43} client {perSecond,9:N0}/s {allocated,9:N0} B   Node.js {nodePerSecond,9:N0}/s   {result.Ratio:0.00}x"));
        return result;
    }
}
