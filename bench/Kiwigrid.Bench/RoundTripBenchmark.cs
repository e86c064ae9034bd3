using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Client;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 2: request/reply round trips through the client's <see cref="EventBusConnection"/>, with 1 and with 100
/// requests in flight, <c>userservice.getCurrentUser</c> with a real accessToken, against the emulator (its own
/// process, real login), a sockjs-node bridge and a real Vert.x 3 bridge (<see cref="BusPeers"/>) that check the token
/// with the same HMAC and answer the same body. The servers take turns round by round, so a change in the machine's
/// load falls on all of them; median and best of <see cref="BenchSettings.Rounds"/> rounds are reported with the spread.
/// </summary>
internal static class RoundTripBenchmark
{
    private static readonly int[] InFlight = [1, 100];

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine("== 2. Bus round trips: emulator vs equivalent-work sockjs-node and Vert.x 3 bridges");
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var node = await BusPeers.StartNodeAsync();
        var (vertx, vertxMissing) = await StartVertxAsync();
        await using var vertxProcess = vertx;
        var login = await BusLogin.LogInAsync(emulator.BaseUri);
        var body = new JsonObject { ["accessToken"] = login.AccessToken, ["action"] = "getCurrentUser", ["params"] = new JsonObject() };

        await using var toEmulator = await login.ConnectAsync();
        await using var toNode = await ConnectAsync(node.Port, "vertx2");
        await using var toVertx = vertx is null ? null : await ConnectAsync(vertx.Port, "vertx3");

        await toEmulator.SendAsync(
            "userservice", body, static reply => ServiceRequester.ReadReply(reply, "userservice", "getCurrentUser", static (ref reader, _) => JsonElement.ParseValue(ref reader)));
        var ours = new BusTarget("emulator", toEmulator, "userservice", emulator.ProcessId);
        var reply = await ours.ReplyTextAsync(body);
        List<BusTarget> targets = [ours];
        var leftOut = new StringBuilder();
        await AddIfSameReplyAsync(new BusTarget("sockjs-node", toNode, "userservice", node.ProcessId), body, reply, targets, leftOut);
        if (toVertx is null)
        {
            leftOut.AppendLine("Vert.x 3 bridge: left out, " + vertxMissing);
        }
        else
        {
            await AddIfSameReplyAsync(new BusTarget("Vert.x 3.9.4", toVertx, "userservice", vertx!.ProcessId), body, reply, targets, leftOut);
        }

        foreach (var inFlight in InFlight)
        {
            // Warm-up: JIT (the JVM's too) and connection buffers on every end.
            foreach (var target in targets)
            {
                await RoundAsync(target, body, inFlight, settings.RoundLength);
                target.Rounds[inFlight] = [];
            }

            for (var round = 0; round < settings.Rounds; round++)
            {
                foreach (var target in targets)
                {
                    target.Rounds[inFlight].Add(await RoundAsync(target, body, inFlight, settings.RoundLength));
                }
            }
        }

        var (table, verdicts) = Tabulate(targets);
        Console.WriteLine(table);
        Console.WriteLine(verdicts);
        var requestBytes = Encoding.UTF8.GetByteCount(body.ToJsonString());
        return $$"""
            One client process drives every server through `EventBusConnection` (one WebSocket each), so only the
            server differs. Every request is `userservice` / `getCurrentUser` with a real accessToken from a portal
            login at the emulator (request body {{requestBytes}} bytes); every server checks that token and answers the
            same reply body, {{Encoding.UTF8.GetByteCount(reply)}} bytes, checked byte for byte against the emulator's
            before measuring. Per request each server:
            - parses the message and checks its type, address and reply address;
            - checks the token as the emulator's `AccessTokens.Check` does: base64 (unpadded) → text, split at the last
              `.`, a base64 signature of 20 bytes, HMAC-SHA1 of the payload under the emulator's secret (shared with
              the peers for the run), constant-time comparison, the payload parsed as JSON, `user_id` and `expiration`
              read, the expiration compared with the clock;
            - reads `action` and `params`, builds the reply `{"status","result","code","message"}` and its envelope,
              serialises it and writes it as a SockJS frame.

            Emulator: a child process (`emulator-host`, server GC as shipped), ASP.NET Core; the token check, service
            dispatch and reply envelope of the shipped code (Vert.x 2 dialect `{"address","body"}`).
            sockjs-node 0.3.24 (`bench/bus/bus-bridge.js`, `/vertx2`): the same steps in JavaScript with Node's
            `crypto` (`createHmac`, `timingSafeEqual`) and `JSON.parse`/`JSON.stringify`, the same envelope; one thread.
            Vert.x 3.9.4 (`bench/bus/BusBridge.java` on the jars of the npm package `vertx3-full`, OpenJDK's `java`):
            Vert.x's own `SockJSHandler` event-bus bridge at `/vertx3` forwarding to an event-bus consumer at
            `userservice` that does the same steps with `javax.crypto.Mac` and Vert.x's `JsonObject`; the reply goes
            back through the bridge in Vert.x 3's envelope `{"type":"rec","address","body"}` (13 bytes more than the
            others); bridge and consumer in one verticle, so one event-loop thread.

            The servers take turns round by round (one warm-up round each, then emulator, Node, Vert.x, emulator, …);
            workers loop request → reply for {{settings.RoundLength.TotalSeconds:0.#}} s a round, {{settings.Rounds}} measured
            rounds per server. Round trips per second: median and best round, and the spread (slowest–fastest round);
            p50/p99: the median of the rounds' percentiles (slowest–fastest round's in brackets). Server CPU: the
            server process's user + system CPU time during the round divided by its round trips (median of the
            rounds), the figure least disturbed by other load on the machine. Ratios compare the medians.
            {{leftOut}}
            {{table}}
            {{verdicts}}
            """;
    }

    private static async Task<(BusPeerProcess? Process, string? Missing)> StartVertxAsync()
    {
        try
        {
            return (await BusPeers.StartVertxAsync(), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }

    private static Task<EventBusConnection> ConnectAsync(int port, string path) =>
        EventBusConnection.ConnectAsync(new KiwigridClientOptions { EventBusUri = new Uri($"http://127.0.0.1:{port}/{path}") }, new CookieContainer());

    private static async Task AddIfSameReplyAsync(BusTarget target, JsonObject body, string expected, List<BusTarget> targets, StringBuilder leftOut)
    {
        var reply = await target.ReplyTextAsync(body);
        if (reply == expected)
        {
            targets.Add(target);
            return;
        }

        leftOut.AppendLine(CultureInfo.InvariantCulture, $"{target.Name}: left out, its reply body differs from the emulator's: `{reply}` instead of `{expected}`.");
        Console.WriteLine($"bus: {target.Name} left out, its reply body differs: {reply} instead of {expected}");
    }

    private static (string Table, string Verdicts) Tabulate(List<BusTarget> targets)
    {
        var table = new StringBuilder();
        table.AppendLine("| in flight | server | round trips/s, median | best | spread | p50 ms | p99 ms | server CPU µs per round trip | emulator ÷ this server (throughput) |");
        table.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var verdicts = new StringBuilder();
        var missed = false;
        foreach (var inFlight in InFlight)
        {
            var emulator = BusRoundSummary.Of(targets[0].Rounds[inFlight]);
            foreach (var target in targets)
            {
                var summary = BusRoundSummary.Of(target.Rounds[inFlight]);
                var ratio = emulator.Median / summary.Median;
                var ratioCell = target == targets[0] ? "" : string.Create(CultureInfo.InvariantCulture, $"**{ratio:0.00}×**");
                table.AppendLine(CultureInfo.InvariantCulture, $"| {inFlight} | {target.Name} | {summary.Throughput} | {summary.Latency} | {summary.CpuMicros:0.0} | {ratioCell} |");
                if (inFlight == 100 && target != targets[0])
                {
                    var (goal, goalText) = target.Name == "sockjs-node" ? (1.5, "at least 1.5× the Node bridge") : (1.0, "at least as fast as the Vert.x bridge");
                    verdicts.AppendLine(CultureInfo.InvariantCulture, $"Target, 100 in flight: emulator {goalText}: {ratio:0.00}×, {(ratio >= goal ? "met" : "**missed**")}.");
                    missed |= ratio < goal;
                }
            }
        }

        if (missed)
        {
            verdicts.AppendLine().Append(BusProfileNote.Text);
        }

        return (table.ToString(), verdicts.ToString());
    }

    private static async Task<BusRound> RoundAsync(BusTarget target, JsonObject body, int inFlight, TimeSpan length)
    {
        var cpuBefore = target.ServerCpuTime();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var own = (JsonObject)body.DeepClone();
            var latencies = new Latencies();
            while (watch.Elapsed < length)
            {
                var start = Stopwatch.GetTimestamp();
                // The reply is not read: only the round trip counts.
                await target.Connection.SendAsync(target.Address, own, static _ => true);
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }

            return latencies;
        })).ToList();
        var all = Latencies.Merge(await Task.WhenAll(workers));
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpu = target.ServerCpuTime() - cpuBefore;
        return new BusRound(all.Count / elapsed, all.Milliseconds(50), all.Milliseconds(99), cpu.TotalMicroseconds / all.Count);
    }
}
