using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 6: one <c>kiwigrid serve</c> (JIT, then NativeAOT) reading an emulator child process, with
/// <see cref="BenchSettings.FanoutClients"/> dashboards on server-sent events and
/// <see cref="BenchSettings.PollsPerSecond"/> requests a second to <c>/api/energy-flow</c>: delivery latency, memory
/// per dashboard, CPU. Then the MQTT publisher's cost per snapshot: two serves side by side, one with <c>--mqtt</c>
/// (to a Mosquitto on loopback, through a byte-counting forwarder), one without.
/// </summary>
internal static class FanoutBenchmark
{
    /// <summary>serve's shortest poll interval (the library's minimum), so the round sees the most snapshots.</summary>
    private const int IntervalSeconds = 5;

    private const double LatencyTargetMilliseconds = 100;
    private const double MemoryTargetKiB = 64;
    private static readonly TimeSpan IdleLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"== 6. Serve fan-out: {settings.FanoutClients} event-stream clients and {settings.PollsPerSecond} API polls/s for {settings.FanoutLength.TotalSeconds:0} s");
        var cli = await CliBuilds.PublishAsync();
        await using var emulator = await EmulatorProcess.StartAsync();
        var builds = new List<(string Name, bool Native)> { ("JIT", false) };
        if (cli.NativeBinary is not null)
        {
            builds.Add(("NativeAOT", true));
        }

        var rounds = new List<(string Name, FanoutRound Round)>();
        foreach (var (name, native) in builds)
        {
            rounds.Add((name, await RunRoundAsync(settings, cli, native, emulator)));
        }

        var mqtt = await MqttCostAsync(settings, cli, cli.NativeBinary is not null, emulator);
        return Report(settings, cli, rounds, mqtt);
    }

    private static async Task<FanoutRound> RunRoundAsync(BenchSettings settings, CliBuilds cli, bool native, EmulatorProcess emulator)
    {
        await using var serve = await ServeProcess.StartAsync(cli, native, emulator.BaseUri, IntervalSeconds);
        using var http = new HttpClient();
        await serve.WaitForFirstSnapshotAsync(http, TimeSpan.FromSeconds(60));
        var pid = serve.ProcessId;

        // serve alone (polling, no clients): the floor the clients' cost adds to.
        var idleStart = ProcessMeter.CpuTime(pid);
        await Task.Delay(IdleLength);
        var idleCpu = (ProcessMeter.CpuTime(pid) - idleStart) / IdleLength;
        var rssAlone = ProcessMeter.Memory(pid).Rss;

        await using var clients = EventStreamClients.Open(serve.Dashboard, settings.FanoutClients);
        var opening = Stopwatch.StartNew();
        await clients.WaitConnectedAsync(settings.FanoutClients, TimeSpan.FromSeconds(120));
        var openSeconds = opening.Elapsed.TotalSeconds;
        await Task.Delay(Settle);
        var rssConnected = ProcessMeter.Memory(pid).Rss;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fanout {(native ? "native" : "JIT")}: {clients.Connected} clients connected in {openSeconds:0.0} s ({clients.Failed} failed); RSS {rssAlone / 1024.0:0.0} -> {rssConnected / 1024.0:0.0} MiB"));

        using var self = Process.GetCurrentProcess();
        var from = DateTimeOffset.UtcNow;
        var (serveCpu, emulatorCpu, benchCpu) = (ProcessMeter.CpuTime(pid), ProcessMeter.CpuTime(emulator.ProcessId), self.TotalProcessorTime);
        var polls = await ApiPollers.RunAsync(new Uri(serve.Dashboard, "api/energy-flow"), settings.PollsPerSecond, settings.FanoutLength);
        var to = DateTimeOffset.UtcNow;
        self.Refresh();
        var round = to - from;
        serveCpu = ProcessMeter.CpuTime(pid) - serveCpu;
        emulatorCpu = ProcessMeter.CpuTime(emulator.ProcessId) - emulatorCpu;
        benchCpu = self.TotalProcessorTime - benchCpu;
        var (rssEnd, hwm) = ProcessMeter.Memory(pid);
        var connected = clients.Connected;
        var failed = clients.Failed;
        var delivery = await clients.StopAsync(from, to);
        if (serve.HasExited)
        {
            throw new InvalidOperationException("kiwigrid serve ended during the fan-out round: " + serve.Ending);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fanout {(native ? "native" : "JIT")}: {delivery.Events} events, {delivery.Deliveries} deliveries, {delivery.Missing} missing, p50 {delivery.Latency.Milliseconds(50):0.0} ms, p99 {delivery.Latency.Milliseconds(99):0.0} ms; polls {polls.Latencies.Count} ok, {polls.Errors} errors, p99 {polls.Latencies.Milliseconds(99):0.0} ms; serve CPU {serveCpu / round:P0}"));
        return new FanoutRound(connected, failed, openSeconds, idleCpu, rssAlone, rssConnected, rssEnd, hwm, round, serveCpu, emulatorCpu, benchCpu, delivery, polls);
    }

    private static async Task<MqttCost> MqttCostAsync(BenchSettings settings, CliBuilds cli, bool native, EmulatorProcess emulator)
    {
        Console.WriteLine($"fanout: the MQTT publisher's cost, serve with and without --mqtt side by side for {settings.FanoutLength.TotalSeconds:0} s");
        await using var broker = await MosquittoProcess.StartAsync();
        await using var proxy = new ByteCountingProxy(broker.Port);
        await using var plain = await ServeProcess.StartAsync(cli, native, emulator.BaseUri, IntervalSeconds);
        await using var publishing = await ServeProcess.StartAsync(cli, native, emulator.BaseUri, IntervalSeconds, ["--mqtt", $"mqtt://127.0.0.1:{proxy.Port}"]);
        using var http = new HttpClient();
        await plain.WaitForFirstSnapshotAsync(http, TimeSpan.FromSeconds(60));
        await publishing.WaitForFirstSnapshotAsync(http, TimeSpan.FromSeconds(60));
        // One dashboard each, to count the snapshots each serve published.
        await using var plainCounter = EventStreamClients.Open(plain.Dashboard, 1);
        await using var publishingCounter = EventStreamClients.Open(publishing.Dashboard, 1);
        await plainCounter.WaitConnectedAsync(1, TimeSpan.FromSeconds(30));
        await publishingCounter.WaitConnectedAsync(1, TimeSpan.FromSeconds(30));
        // The discovery configurations go out after the first snapshot and the broker sends serve's own retained ones
        // back once (serve subscribes to them to delete stale ones): two intervals on, the start is over.
        await Task.Delay(TimeSpan.FromSeconds(2 * IntervalSeconds));

        var from = DateTimeOffset.UtcNow;
        var (plainCpu, publishingCpu, brokerCpu, sent, received) =
            (ProcessMeter.CpuTime(plain.ProcessId), ProcessMeter.CpuTime(publishing.ProcessId), ProcessMeter.CpuTime(broker.ProcessId), proxy.Sent, proxy.Received);
        await Task.Delay(settings.FanoutLength);
        var to = DateTimeOffset.UtcNow;
        plainCpu = ProcessMeter.CpuTime(plain.ProcessId) - plainCpu;
        publishingCpu = ProcessMeter.CpuTime(publishing.ProcessId) - publishingCpu;
        brokerCpu = ProcessMeter.CpuTime(broker.ProcessId) - brokerCpu;
        (sent, received) = (proxy.Sent - sent, proxy.Received - received);
        var plainSnapshots = (await plainCounter.StopAsync(from, to)).Events;
        var publishingSnapshots = (await publishingCounter.StopAsync(from, to)).Events;
        if (plain.HasExited || publishing.HasExited)
        {
            throw new InvalidOperationException("kiwigrid serve ended during the MQTT comparison: " + (plain.HasExited ? plain.Ending : publishing.Ending));
        }

        var cost = new MqttCost(native, plainSnapshots, publishingSnapshots, plainCpu, publishingCpu, brokerCpu, sent, received);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fanout mqtt: {publishingSnapshots} snapshots, CPU {cost.ExtraCpuPerSnapshot.TotalMilliseconds:0.00} ms and {cost.SentPerSnapshot:N0} bytes per snapshot"));
        return cost;
    }

    private static string Report(BenchSettings settings, CliBuilds cli, List<(string Name, FanoutRound Round)> rounds, MqttCost mqtt)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| figure | {string.Join(" | ", rounds.Select(r => "serve, " + r.Name))} | target |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| --- | {string.Join(" | ", rounds.Select(_ => "---:"))} | --- |");
        void Row(string figure, Func<FanoutRound, string> value, string target = "") =>
            table.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {string.Join(" | ", rounds.Select(r => value(r.Round)))} | {target} |");
        string Met(bool met) => met ? "met" : "**missed**";

        Row("dashboards connected (of " + settings.FanoutClients.ToString("N0", CultureInfo.InvariantCulture) + ")", r => $"{r.Connected:N0}", "all");
        Row("streams failed or ended by serve", r => $"{r.Failed:N0}");
        Row("time to open them all", r => $"{r.OpenSeconds:0.0} s");
        Row("snapshot events published in the round", r => $"{r.Delivery.Events:N0}");
        Row("deliveries (events × dashboards)", r => $"{r.Delivery.Deliveries:N0}");
        Row("deliveries missing", r => $"{r.Delivery.Missing:N0}", "none");
        Row("delivery latency p50", r => Ms(r.Delivery.Latency, 50));
        Row("delivery latency p99", r => Ms(r.Delivery.Latency, 99), $"< {LatencyTargetMilliseconds} ms: {string.Join(", ", rounds.Select(r => r.Name + " " + Met(r.Round.Delivery.Latency.Milliseconds(99) < LatencyTargetMilliseconds)))}");
        Row("delivery latency max", r => Ms(r.Delivery.Latency, 100));
        Row("serverTime to the first dashboard per event, median / max", r => $"{Ms(r.Delivery.First, 50)} / {Ms(r.Delivery.First, 100)}");
        Row("first to last dashboard per event, median / max", r => $"{Ms(r.Delivery.Spread, 50)} / {Ms(r.Delivery.Spread, 100)}");
        Row("VmRSS: serve alone / dashboards connected / after the round", r => $"{r.RssAlone / 1024.0:0.0} / {r.RssConnected / 1024.0:0.0} / {r.RssEnd / 1024.0:0.0} MiB");
        Row("VmHWM (peak) after the round", r => $"{r.Hwm / 1024.0:0.0} MiB");
        Row("VmRSS per dashboard (connected − alone) / dashboards", r => $"{r.KiBPerClient:0.0} KiB", $"< {MemoryTargetKiB} KiB: {string.Join(", ", rounds.Select(r => r.Name + " " + Met(r.Round.KiBPerClient < MemoryTargetKiB)))}");
        Row("serve CPU, alone (polling, no clients)", r => $"{r.IdleCpu * 1000:0.0} ms/s");
        Row("serve CPU during the round (share of one core)", r => $"{r.ServeCpu / r.Round * 1000:0} ms/s ({r.ServeCpu / r.Round:P0})");
        Row("serve CPU per 1,000 dashboards ((round − alone) × 1,000 / dashboards, polls included)", r => $"{(r.ServeCpu / r.Round - r.IdleCpu) * 1000 * 1000 / Math.Max(1, r.Connected):0} ms/s");
        Row("API polls answered", r => $"{r.Polls.Latencies.Count:N0} ({r.Polls.Latencies.Count / r.Round.TotalSeconds:N0}/s)");
        Row("API poll errors / sends that went late", r => $"{r.Polls.Errors:N0} / {r.Polls.Late:N0}");
        Row("API poll latency p50 / p99", r => $"{Ms(r.Polls.Latencies, 50)} / {Ms(r.Polls.Latencies, 99)}");
        Row("API reply body", r => $"{r.Polls.BodyBytes:N0} bytes");
        Row("benchmark process CPU (the clients)", r => $"{r.BenchCpu / r.Round * 1000:0} ms/s");
        Row("emulator CPU", r => $"{r.EmulatorCpu / r.Round * 1000:0} ms/s");

        var missing = cli.NativeBinary is null ? $" The native binary is not here: {cli.NativeMissing}." : "";
        var mqttBuild = mqtt.Native ? "NativeAOT" : "JIT";
        return $"""
            serve: `kiwigrid serve --cloud legacy --server … --urls http://127.0.0.1:0 --interval {IntervalSeconds} --json`
            (published by the benchmark as in benchmark 3), one process per build, reading an emulator child process
            (`emulator-host`, real-time home) every {IntervalSeconds} s, its shortest interval. After the first snapshot
            serve runs {IdleLength.TotalSeconds:0} s alone, then this process opens {settings.FanoutClients:N0} dashboards
            on `/api/events` ({nameof(HttpClient)}, one HTTP/1.1 connection each, 50 opening at a time, each reading the
            stream line by line), and when all have their `hello` runs a round of {settings.FanoutLength.TotalSeconds:0} s
            with {settings.PollsPerSecond:N0} `GET /api/energy-flow` a second (25 keep-alive connections on a fixed
            schedule). **Delivery latency** is from the `serverTime` in the snapshot event's flow (serve's clock when it
            wrote the event, just before handing it to every dashboard's queue; the poll has then already returned)
            to the moment this process read the event's data line (this machine's clock, so one clock on both sides),
            over every snapshot serve published in the round and every dashboard. Memory: `VmRSS` of serve from
            `/proc/PID/status`; CPU: `utime + stime` from `/proc/PID/stat` over the round. The dashboards, the polls,
            serve and the emulator share the {Environment.ProcessorCount} cores.{missing}

            {table.ToString().TrimEnd()}

            **MQTT publisher.** Two serves ({mqttBuild}) side by side against the same emulator for
            {settings.FanoutLength.TotalSeconds:0} s, the same in all but `--mqtt mqtt://127.0.0.1:PORT`: one publishes
            to a Mosquitto (Debian's, started by the benchmark on loopback, anonymous, no persistence) through a TCP
            forwarder in this process that counts the bytes each way (MQTT framing included); one dashboard on each
            counts its snapshots. The window starts two poll intervals after both published their first snapshot, so the
            retained discovery configurations sent at start (and the broker's one echo of them) are not in it. Extra CPU per snapshot: (CPU of the publishing serve /
            its snapshots) − (CPU of the other / its snapshots).

            | figure | value |
            | --- | ---: |
            | snapshots: with `--mqtt` / without | {mqtt.PublishingSnapshots:N0} / {mqtt.PlainSnapshots:N0} |
            | serve CPU per snapshot: with `--mqtt` / without | {mqtt.PublishingCpu.TotalMilliseconds / Math.Max(1, mqtt.PublishingSnapshots):0.00} / {mqtt.PlainCpu.TotalMilliseconds / Math.Max(1, mqtt.PlainSnapshots):0.00} ms |
            | the MQTT publisher's CPU per snapshot (difference) | {mqtt.ExtraCpuPerSnapshot.TotalMilliseconds:0.00} ms |
            | bytes to the broker per snapshot | {mqtt.SentPerSnapshot:N0} |
            | bytes from the broker per snapshot | {mqtt.Received / (double)Math.Max(1, mqtt.PublishingSnapshots):N0} |
            | Mosquitto CPU per snapshot | {mqtt.BrokerCpu.TotalMilliseconds / Math.Max(1, mqtt.PublishingSnapshots):0.00} ms |

            CPU times come from `/proc` in clock ticks of 10 ms, so a figure per snapshot below about
            {10.0 / Math.Max(1, mqtt.PublishingSnapshots):0.00} ms is within one tick over the window.
            """;
    }

    private static string Ms(Latencies latencies, double percentile) =>
        latencies.Count == 0 ? "–" : latencies.Milliseconds(percentile).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private sealed record FanoutRound(
        int Connected,
        int Failed,
        double OpenSeconds,
        double IdleCpu,
        long RssAlone,
        long RssConnected,
        long RssEnd,
        long Hwm,
        TimeSpan Round,
        TimeSpan ServeCpu,
        TimeSpan EmulatorCpu,
        TimeSpan BenchCpu,
        DeliveryFigures Delivery,
        ApiPollFigures Polls)
    {
        public double KiBPerClient => (RssConnected - RssAlone) / (double)Math.Max(1, Connected);
    }

    private sealed record MqttCost(
        bool Native,
        int PlainSnapshots,
        int PublishingSnapshots,
        TimeSpan PlainCpu,
        TimeSpan PublishingCpu,
        TimeSpan BrokerCpu,
        long Sent,
        long Received)
    {
        public TimeSpan ExtraCpuPerSnapshot =>
            PublishingCpu / Math.Max(1, PublishingSnapshots) - PlainCpu / Math.Max(1, PlainSnapshots);

        public double SentPerSnapshot => Sent / (double)Math.Max(1, PublishingSnapshots);
    }
}
