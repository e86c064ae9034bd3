using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Bench;

/// <summary>
/// Where the client's time and allocation go in the heaviest row (consume of a cloud frame): each stage of
/// <see cref="ClientDecodePath.Consume"/> timed with <see cref="Stopwatch.GetTimestamp"/> and its allocation read with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around it, over a fixed time (median time, mean allocation).
/// </summary>
internal static class DecodeStages
{
    private static readonly string[] Names =
    [
        "SockJS frame → message text (unescape)",
        "event-bus envelope",
        "reply status + devices (`DevicePage.Read`)",
        "energy flow (`EnergyFlow.From`)",
        "numbers (`AsDouble`)",
        "strings (`AsString`)",
        "booleans (`AsBool`)",
        "objects and arrays (`Json`, members counted)",
        "nulls (`Kind`)",
        "timestamps and ocas",
    ];

    /// <summary>The value kinds read in the stages after the energy flow, one stage each.</summary>
    private static readonly JsonValueKind[][] KindStages =
    [
        [JsonValueKind.Number],
        [JsonValueKind.String],
        [JsonValueKind.True, JsonValueKind.False],
        [JsonValueKind.Object, JsonValueKind.Array],
        [JsonValueKind.Null, JsonValueKind.Undefined],
    ];

    /// <summary>Stage indexes grouped into what the closing note names.</summary>
    private static readonly (string Part, int[] Stages)[] Parts =
    [
        ("unescaping the SockJS frame into the message text (pooled memory, given back once the reply is read)", [0]),
        ("reading the reply into devices (envelope, `DevicePage.Read`)", [1, 2]),
        ("checking and walking the objects and arrays (`Json`)", [7]),
        ("the scalar readings, timestamps and ocas", [4, 5, 6, 8, 9]),
        ("the energy flow", [3]),
    ];

    /// <returns>The stage table, and a note saying where the time and the allocation go, summed over the frames.</returns>
    public static (string Table, string Note) Measure(IReadOnlyList<DecodeFrame> frames, TimeSpan length)
    {
        var splits = frames.Select(f => Measure(f.Bytes, length)).ToList();
        return (Table(frames, splits), Note(frames, splits));
    }

    private static string Note(IReadOnlyList<DecodeFrame> frames, List<(double[] Micros, long[] Bytes)> splits)
    {
        var micros = splits.Sum(s => s.Micros.Sum());
        var bytes = (double)splits.Sum(s => s.Bytes.Sum());
        var frameBytes = (double)frames.Sum(f => f.Bytes.Length);
        string Shares(Func<(double[] Micros, long[] Bytes), int, double> of, double total) => string.Join(
            ", ",
            Parts.Select(p => (p.Part, Share: p.Stages.Sum(i => splits.Sum(s => of(s, i))) / total))
                .OrderByDescending(p => p.Share)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Share * 100:0}% {p.Part}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Summed over the {frames.Count} frames, the client's time goes {Shares((s, i) => s.Micros[i], micros)}; its allocation "
            + $"({bytes / frameBytes:0.00} bytes per frame byte) goes {Shares((s, i) => s.Bytes[i], bytes)}. "
            + $"Unescaping allocates {splits.Sum(s => s.Bytes[0]) / frameBytes:0.00} bytes per frame byte: the message text is "
            + $"pooled, and the devices keep a copy of the values only.");
    }

    private static string Table(IReadOnlyList<DecodeFrame> frames, List<(double[] Micros, long[] Bytes)> splits)
    {
        var table = new StringBuilder();
        table.Append("| stage |");
        foreach (var frame in frames)
        {
            table.Append(CultureInfo.InvariantCulture, $" {frame.Name} µs | bytes |");
        }

        table.AppendLine().Append("| --- |").AppendLine(string.Concat(Enumerable.Repeat(" ---: | ---: |", frames.Count)));
        for (var stage = 0; stage < Names.Length; stage++)
        {
            table.Append("| ").Append(Names[stage]).Append(" |");
            foreach (var (micros, bytes) in splits)
            {
                table.Append(CultureInfo.InvariantCulture, $" {micros[stage]:N1} | {bytes[stage]:N0} |");
            }

            table.AppendLine();
        }

        return table.ToString();
    }

    /// <returns>Per stage: microseconds (the median over the decodes) and bytes allocated (the mean) per frame.</returns>
    /// <remarks>
    /// The median, because on a shared machine a decode now and then loses its core for a while: a mean would charge
    /// that to whichever stage was running.
    /// </remarks>
    private static (double[] Micros, long[] Bytes) Measure(byte[] wire, TimeSpan length)
    {
        var ticks = new long[Names.Length];
        var bytes = new long[Names.Length];
        Run(wire, ticks, bytes);
        var samples = Names.Select(_ => new List<long>()).ToArray();
        var totalBytes = new long[Names.Length];
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < length)
        {
            Array.Clear(ticks);
            Array.Clear(bytes);
            Run(wire, ticks, bytes);
            for (var stage = 0; stage < Names.Length; stage++)
            {
                samples[stage].Add(ticks[stage]);
                totalBytes[stage] += bytes[stage];
            }

            count++;
        }

        return ([.. samples.Select(s => Median(s) * 1e6 / Stopwatch.Frequency)], [.. totalBytes.Select(b => b / count)]);
    }

    private static double Median(List<long> samples)
    {
        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static void Run(byte[] wire, long[] ticks, long[] bytes)
    {
        var tally = new ClientDecodePath.TallyBuilder();
        var stage = 0;
        var time = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        void Done(int which)
        {
            var nowTime = Stopwatch.GetTimestamp();
            var nowAllocated = GC.GetAllocatedBytesForCurrentThread();
            ticks[which] += nowTime - time;
            bytes[which] += nowAllocated - allocated;
            (time, allocated) = (Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());
        }

        var frame = SockJsFrameDecoder.Decode(wire);
        Done(stage++);
        foreach (var element in frame.Messages)
        {
            stage = 1;
            var message = EventBusInboundMessage.Parse(element);
            Done(stage++);
            var devices = ServiceRequester.ReadReply(message.Body, "deviceservice", "getDevices", DevicePage.Read).Devices;
            Done(stage++);
            tally.Flow(EnergyFlow.From(devices));
            Done(stage++);
            foreach (var kinds in KindStages)
            {
                foreach (var device in devices)
                {
                    foreach (var (_, tag) in device.Tags)
                    {
                        if (kinds.Contains(tag.Kind))
                        {
                            tally.Count();
                            tally.Value(tag);
                        }
                    }
                }

                Done(stage++);
            }

            foreach (var device in devices)
            {
                foreach (var (_, tag) in device.Tags)
                {
                    tally.Stamp(tag);
                }
            }

            Done(stage);
        }

        frame.ReturnMessages();
        GC.KeepAlive(tally.Build());
    }
}
