using System.Text.Json;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Client;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 2: request/reply round trips through the client's <see cref="EventBusConnection"/>, with 1 and with 100
/// requests in flight, against the emulator (its own process, real login, <c>userservice.getCurrentUser</c>) and
/// against the sockjs-node bridge of <c>tests/peers/sockjs-bridge.js</c> (<c>test.echo</c>, Vert.x 2 dialect) given
/// the very same request body. Each case runs <see cref="BenchSettings.Rounds"/> rounds; the best round's figures
/// are kept, as the machine is shared.
/// </summary>
internal static class RoundTripBenchmark
{
    private static readonly int[] InFlight = [1, 100];

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine("== 2. Bus round trips: emulator vs sockjs-node bridge");
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var node = await NodePeer.StartAsync("sockjs-bridge.js", []);
        var login = await BusLogin.LogInAsync(emulator.BaseUri);
        var body = new JsonObject { ["accessToken"] = login.AccessToken, ["action"] = "getCurrentUser", ["params"] = new JsonObject() };

        await using var toEmulator = await login.ConnectAsync();
        var nodeOptions = new KiwigridClientOptions { EventBusUri = new Uri($"http://127.0.0.1:{node.Port}/vertx2") };
        await using var toNode = await EventBusConnection.ConnectAsync(nodeOptions, new CookieContainer());

        var emulatorBody = await toEmulator.SendAsync("userservice", body);
        ServiceRequester.ReadReply(emulatorBody, "userservice", "getCurrentUser", static (ref reader, _) => JsonElement.ParseValue(ref reader));
        var emulatorReply = emulatorBody.ToElement();
        var nodeReply = (await toNode.SendAsync("test.echo", body)).ToElement();

        var table = new StringBuilder();
        table.AppendLine("| in flight | server | round trips/s | p50 ms | p99 ms | ratio emulator/Node (throughput) |");
        table.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        var verdict = "";
        foreach (var inFlight in InFlight)
        {
            var ours = await MeasureAsync(toEmulator, "userservice", body, inFlight, settings);
            var theirs = await MeasureAsync(toNode, "test.echo", body, inFlight, settings);
            var ratio = ours.PerSecond / theirs.PerSecond;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {inFlight} | emulator | {ours.PerSecond:N0} | {ours.P50:0.000} | {ours.P99:0.000} | **{ratio:0.00}×** |");
            table.AppendLine(CultureInfo.InvariantCulture, $"| {inFlight} | sockjs-node | {theirs.PerSecond:N0} | {theirs.P50:0.000} | {theirs.P99:0.000} | |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bus, {inFlight} in flight: emulator {ours.PerSecond:N0}/s p99 {ours.P99:0.000} ms, node {theirs.PerSecond:N0}/s p99 {theirs.P99:0.000} ms, ratio {ratio:0.00}x"));
            if (inFlight == 100)
            {
                verdict = ratio >= 1 ? "met" : "**missed**";
            }
        }

        Console.WriteLine(table);
        var requestBytes = Encoding.UTF8.GetByteCount(body.ToJsonString());
        return $"""
            One client process drives both servers through `EventBusConnection` (one WebSocket each), so only the server
            differs. Emulator: a child process (`emulator-host`, server GC as shipped), a real portal login, then
            `userservice.getCurrentUser` (token check, service dispatch, reply envelope). sockjs-node 0.3.24:
            `tests/peers/sockjs-bridge.js`, `/vertx2`, `test.echo` with the same body. Request body {requestBytes} bytes;
            reply body {emulatorReply.GetRawText().Length} bytes from the emulator, {nodeReply.GetRawText().Length} from
            the Node bridge (it echoes the request). Workers loop request → reply for {settings.RoundLength.TotalSeconds:0.#} s a round;
            best of {settings.Rounds} rounds.

            {table}
            Target: emulator at least as fast as the Node bridge with 100 in flight: {verdict}.
            """;
    }

    private static async Task<Figures> MeasureAsync(EventBusConnection bus, string address, JsonObject body, int inFlight, BenchSettings settings)
    {
        // Warm-up: JIT and connection buffers on both ends.
        await RoundAsync(bus, address, body, inFlight, TimeSpan.FromSeconds(0.5));
        Figures? best = null;
        for (var round = 0; round < settings.Rounds; round++)
        {
            var figures = await RoundAsync(bus, address, body, inFlight, settings.RoundLength);
            if (best is null || figures.PerSecond > best.PerSecond)
            {
                best = figures;
            }
        }

        return best!;
    }

    private static async Task<Figures> RoundAsync(EventBusConnection bus, string address, JsonObject body, int inFlight, TimeSpan length)
    {
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var own = (JsonObject)body.DeepClone();
            var latencies = new Latencies();
            while (watch.Elapsed < length)
            {
                var start = Stopwatch.GetTimestamp();
                await bus.SendAsync(address, own);
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }

            return latencies;
        })).ToList();
        var all = Latencies.Merge(await Task.WhenAll(workers));
        var elapsed = watch.Elapsed.TotalSeconds;
        return new Figures(all.Count / elapsed, all.Milliseconds(50), all.Milliseconds(99));
    }

    private sealed record Figures(double PerSecond, double P50, double P99);
}
