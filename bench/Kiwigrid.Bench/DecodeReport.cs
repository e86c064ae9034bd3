using System.Globalization;
using System.Text;

namespace Kiwigrid.Bench;

/// <summary>Section 1 of RESULTS.md: what each side does in each row, the tables, the targets and where the time goes.</summary>
internal static class DecodeReport
{
    public static string Write(IReadOnlyList<DecodeResult> results, IReadOnlyList<HemsResult> hems, (string Table, string Note) stages, double target, int rounds, TimeSpan round)
    {
        var floor = DecodeFloor.Table([.. results.Where(r => r.Row.Work == DecodeWork.Consume).Select(r => r.Row.Frame)]);
        var table = new StringBuilder();
        table.AppendLine("| frame (real dump) | work | frame bytes | client msg/s | client MB/s | client bytes allocated/msg | per frame byte | Node.js msg/s | ratio client/Node | target |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var missed = new List<string>();
        foreach (var r in results)
        {
            var frame = r.Row.Frame;
            var verdict = Verdict(r, target);
            if (verdict.Contains("missed", StringComparison.Ordinal))
            {
                missed.Add($"{frame.Name} {r.Row.Label}");
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {frame.Name} | {r.Row.Label} | {frame.Bytes.Length:N0} | {r.ClientPerSecond:N0} | {r.ClientPerSecond * frame.Bytes.Length / 1e6:N1} | {r.AllocatedPerMessage:N0} | {r.AllocatedPerFrameByte:0.00} | {r.NodePerSecond:N0} | **{r.Ratio:0.00}×** | {verdict} |");
        }

        var hemsTable = new StringBuilder();
        hemsTable.AppendLine("| answer | bytes | client msg/s | client bytes allocated/msg | per answer byte | Node.js msg/s | ratio client/Node |");
        hemsTable.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var h in hems)
        {
            hemsTable.AppendLine(CultureInfo.InvariantCulture, $"| `{h.Payload.Name}` | {h.Payload.Bytes.Length:N0} | {h.ClientPerSecond:N0} | {h.AllocatedPerMessage:N0} | {(double)h.AllocatedPerMessage / h.Payload.Bytes.Length:0.00} | {h.NodePerSecond:N0} | **{h.Ratio:0.00}×** |");
        }

        var first = results[0].Row.Frame;
        var summary = missed.Count == 0
            ? "every target met"
            : $"**missed** on {missed.Count} of {results.Count(r => r.Row.Work != DecodeWork.Parse)} rows with a target ({string.Join("; ", missed)})";
        const string ReplyShape = """{"address","body":{"status","result":{"offset","limit","total","items"},"code","message"}}""";
        Console.WriteLine(table);
        Console.WriteLine(hemsTable);
        Console.WriteLine(floor);
        Console.WriteLine(stages.Table);
        Console.WriteLine(stages.Note);
        Console.WriteLine("decode: " + summary);
        return $$"""
            Frames: each real wizard dump (`tests/fixtures/wizard-devices`) as a cloud `getDevices` reply
            (`{{ReplyShape}}`), compact JSON
            escaped as one SockJS `a["…"]` frame (non-ASCII as `\uXXXX`, as Vert.x does), written to a file that both
            sides read. The *cloud* frames are built from the same dumps by these rules: {{DecodeFrame.CloudRules}}.
            ({{first.Name}}: {{first.Tags:N0}} tags in {{first.Devices}} devices.)

            What each side does, per row (client: `bench/Kiwigrid.Bench/ClientDecodePath.cs`; Node.js:
            `bench/node/decode.js`, Node's `JSON.parse` and plain objects):

            * **parse** — ready to use, which is not the same work on both sides. Client: `SockJsFrameDecoder.Decode` →
              `EventBusInboundMessage.Parse` → `ServiceRequester.ReadReply` with `DevicePage.Read` (what the read loop and
              `GetDevicesAsync` do): one pass that builds the `Device`s with guid, class chain and tags by name, **each
              value copied unparsed** into one array the reply's tags share (the unescaped message goes back to the
              array pool), `tagName`/`guid` of a tag not read. Node.js: bytes →
              string, `JSON.parse` of the frame's array and of each message, status check, guid and class chain per
              item; `JSON.parse` has **built every tag document** (its name, guid, value and, in cloud frames,
              timestamp and oca) as objects. No target: the rows to judge are the next two.
            * **consume** — what a program does with a reply, the same on both sides: parse as above, then the energy
              flow (the client's public `EnergyFlow.From(devices)`; Node.js the same rules: the Location's power tags,
              the devices' own where it has none, SoC weighted by capacity) and **every tag's value read as its type**:
              client through the public API (`TagValue.Kind`, then `AsDouble()`, `AsString()`, `AsBool()`, or `Json`
              for objects and arrays: checked once as JSON, then walked to count their elements or properties, with no
              document built), Node.js by `typeof` on its objects, counting with `length` or `for … in`.
              Target: ≥ {{target}}× Node.js and at most 1 byte allocated per frame byte.
            * **cloud, Vert.x 2 / Vert.x 3** — consume on the cloud frames, reading every tag's timestamp and oca too
              (client: `TagValue.Timestamp`, `TagValue.Oca`; Node.js: the numbers, seconds turned into milliseconds).
              Target: ≥ {{target}}× Node.js.

            Both sides tally what they read (tags; numbers, strings, booleans, objects/arrays and nulls; their sum,
            lengths and members; the energy flow's figures; timestamps and ocas) and the benchmark stops if the tallies
            differ. One thread each; within a row the sides take turns round by round (client, Node.js, client, …; one
            Node.js process per row, warmed up first), so a burst of other load falls on both: a 0.5 s warm-up each,
            then {{rounds}} rounds of {{round.TotalSeconds:0.##}} s each, the medians kept. Bytes allocated: the client's
            thread, averaged over 50 decodes (Node.js's allocation is not measured).

            {{table}}
            Targets: {{summary}}.

            Objects and arrays are read through `TagValue.Json`, which walks their text, and not through `TagValue.Value`,
            which hands out `JsonElement`s: the values' text must outlive the pooled message, so it is copied, and a
            `JsonElement` needs a `JsonDocument`, whose rows take 12 bytes a JSON token in an array rented from the
            shared pool (a power of two, never given back, since the elements handed out read it). Through `Value`,
            that alone would be the floor below, before a single tag (a 72-byte object and about 12 bytes in its
            device's table) or device: above the target on most frames.

            {{floor}}
            Where the client's time and allocation go, per frame, in the heaviest row (cloud, Vert.x 3), each stage
            timed around itself (`Stopwatch.GetTimestamp`, `GC.GetAllocatedBytesForCurrentThread`) for
            {{round.TotalSeconds:0.##}} s: the median µs and the mean bytes per decode.

            {{stages.Table}}
            {{stages.Note}}

            ### HEMS JSON (today's cloud)

            Answers of the HEMS API `v11`: `/energy-flow` as `tests/fixtures/hems/energy-flow.json` holds it, and a day of
            each PT5M analytics (`tests/fixtures/hems/analytics/*-day.json`) built by this rule: {{HemsPayload.DayRule}}.
            Client (`bench/Kiwigrid.Bench/ClientHemsPath.cs`): what `HemsClient` does with a body — `HemsJson.Parse`
            (a `JsonDocument`) with `HemsEnergyFlow.Read` or `HemsAnalytics.Read` into the public records (analytics
            times parsed as `DateTimeOffset`, each series sorted by time) — then every field of the records read once.
            Node.js (`bench/node/hems.js`): `JSON.parse`, then the same fields read with the same rules (numbers also
            from numeric strings, times with `Date.parse`, each series sorted). Tallied and compared as above; no target.

            {{hemsTable}}
            """;
    }

    private static string Verdict(DecodeResult r, double target)
    {
        if (r.Row.Work == DecodeWork.Parse)
        {
            return "—";
        }

        var fast = r.Ratio >= target;
        if (r.Row.Work == DecodeWork.Cloud)
        {
            return fast ? "met" : "**missed** (speed)";
        }

        var lean = r.AllocatedPerFrameByte <= 1;
        return (fast, lean) switch
        {
            (true, true) => "met",
            (false, true) => "**missed** (speed)",
            (true, false) => "**missed** (allocation)",
            _ => "**missed** (speed, allocation)",
        };
    }
}
