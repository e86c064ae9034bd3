using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 7: <c>kiwigrid serve</c> (with MQTT) and <c>kiwigrid watch</c> as on a small device. At the same time:
/// the resident memory of each, JIT and NativeAOT, over an hour of readings; and a simulated day of serve with MQTT
/// under each of <see cref="HeapLimitsMiB"/> as <c>DOTNET_GCHeapHardLimit</c>, every limit and build at once against
/// a second emulator, to find the smallest limit that lives through the day.
/// </summary>
internal static class SmallDeviceBenchmark
{
    private const int IntervalSeconds = 5;
    private const double WatchTargetMiB = 24;
    private const string NativeWatch = "kiwigrid watch, NativeAOT";
    private const int ServeTargetMiB = 128;
    private static readonly int[] HeapLimitsMiB = [2, 4, 6, 8, 16, 32, 64, 128];

    /// <summary>When, as parts of the hour, the hour's processes are measured.</summary>
    private static readonly double[] HourCheckpoints = [1 / 12.0, 1 / 4.0, 1 / 2.0, 1];

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"== 7. Small devices: an hour of readings in {settings.HourLength.TotalSeconds:0} s and, at the same time, a simulated day in {settings.DayLength.TotalSeconds:0} s");
        var cli = await CliBuilds.PublishAsync();
        await using var broker = await MosquittoProcess.StartAsync();
        var builds = new List<(string Name, bool Native)> { ("JIT", false) };
        if (cli.NativeBinary is not null)
        {
            builds.Add(("NativeAOT", true));
        }

        // Side by side: they measure memory, which the other's CPU use does not change, and the hour is long.
        var hourRun = HourAsync(settings, cli, builds, broker);
        var dayRun = DayAsync(settings, cli, builds, broker);
        await Task.WhenAll(hourRun, dayRun);
        var (hour, day) = (hourRun.Result, dayRun.Result);
        var missing = cli.NativeBinary is null ? $" The native binary is not here: {cli.NativeMissing}." : "";
        var hourReadings = settings.HourLength.TotalSeconds / IntervalSeconds;
        return $"""
            Two emulator child processes whose simulated homes run at a chosen speed (`emulator-host SPEED`), a
            Mosquitto on loopback (started by the benchmark), and the CLI as published for benchmark 3, reading the
            legacy cloud every {IntervalSeconds} s (the shortest interval): `kiwigrid watch --interval {IntervalSeconds} --json` and
            `kiwigrid serve --interval {IntervalSeconds} --mqtt mqtt://127.0.0.1:PORT` (own topic and discovery prefixes
            each). The poll interval is on the process's own clock, so a fast home means readings further apart in the
            home's time, not more readings: what grows with readings (the GC's older generations, the chart, one point
            of 48 bytes per reading, at most 17,280) is only measured by a run of real length. The hour and the day run at
            the same time, for {settings.HourLength.TotalSeconds:0} s and {settings.DayLength.TotalSeconds:0} s of real
            time (`--hour-seconds`, `--day-seconds`). Memory from `/proc/PID/status`.{missing}

            **Over an hour** ({hourReadings:0} readings{(hourReadings >= 720 ? ", as many as a real hour at `--interval 5`" : $", where a real hour at `--interval 5` is 720")}; the home at
            {3600 / settings.HourLength.TotalSeconds:0.#}× speed; all four processes at once, no limit):

            {hour.TrimEnd()}

            **A simulated day under a heap limit** ({settings.DayLength.TotalSeconds / IntervalSeconds:0} readings,
            whereas a real day at `--interval 10` is 8,640; the home at {86400 / settings.DayLength.TotalSeconds:0.#}×
            speed): `DOTNET_GCHeapHardLimit` set to each limit, serve with MQTT, every
            limit and build at once. A run lives through the day when serve is still running at the end and `/healthz`
            answers 200 (its latest reading is fresh). The limit is in hexadecimal bytes (`DOTNET_GCHeapHardLimit=800000`
            is 8 MiB), and it bites: a limit too small for the GC's first regions stops serve at start ("did not
            start"). No cgroup cap: a memory cgroup needs root and write access to the cgroup hierarchy, and this
            benchmark's processes sit in a cgroup the machine's own tooling manages, which a benchmark should not
            reorganize; .NET sets its heap limit to 75 % of a cgroup's memory limit when it finds one, so the heap limit
            is what a cgroup cap would impose on the heap (a cgroup would also count native memory and code). On a
            device: `systemd-run --scope -p MemoryMax=96M kiwigrid serve …`.

            {day.TrimEnd()}
            """;
    }

    private static async Task<string> HourAsync(BenchSettings settings, CliBuilds cli, List<(string Name, bool Native)> builds, MosquittoProcess broker)
    {
        await using var emulator = await EmulatorProcess.StartAsync(3600 / settings.HourLength.TotalSeconds);
        var processes = new List<(string Name, int Pid, Func<bool> Exited, Func<string> Ending, IAsyncDisposable Owner)>();
        try
        {
            foreach (var (name, native) in builds)
            {
                var watch = CliRun.Start(cli.StartInfo(native, ["watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--interval", IntervalSeconds.ToString(CultureInfo.InvariantCulture), "--json"]));
                processes.Add(($"kiwigrid watch, {name}", watch.ProcessId, () => watch.HasExited, () => watch.Ending, watch));
                var serve = await ServeProcess.StartAsync(cli, native, emulator.BaseUri, IntervalSeconds, MqttArgs(broker, "hour" + name));
                processes.Add(($"kiwigrid serve --mqtt, {name}", serve.ProcessId, () => serve.HasExited, () => serve.Ending, serve));
            }

            // Resident memory along the way, so growth over the hour shows, not only where it ended.
            var started = Stopwatch.StartNew();
            var samples = processes.ToDictionary(p => p.Name, _ => new List<string>());
            foreach (var fraction in HourCheckpoints)
            {
                var due = settings.HourLength * fraction - started.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                foreach (var (name, pid, exited, _, _) in processes)
                {
                    var rss = exited() ? "" : (ProcessMeter.Memory(pid).Rss / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
                    samples[name].Add(rss);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smalldevice hour, {fraction:P0} ({started.Elapsed.TotalMinutes:0} min), {name}: VmRSS {(rss.Length == 0 ? "ended" : rss + " MiB")}"));
                }
            }

            string? byMapping = null;
            var checkpoints = string.Join(" | ", HourCheckpoints.Select(f => string.Create(CultureInfo.InvariantCulture, $"VmRSS MiB at {(settings.HourLength * f).TotalMinutes:0.#} min ({(settings.HourLength * f).TotalSeconds / IntervalSeconds:0} polls)")));
            var table = new StringBuilder();
            table.AppendLine($"| process | {checkpoints} | at the end: file-backed (code) / anonymous (heaps, stacks) / shared (JIT code) MiB | VmHWM MiB (peak) | target |");
            table.AppendLine($"| --- | {string.Concat(HourCheckpoints.Select(_ => "---: | "))}---: | ---: | --- |");
            foreach (var (name, pid, exited, ending, _) in processes)
            {
                var alongTheWay = string.Join(" | ", samples[name]);
                if (exited())
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {alongTheWay} | ended early | {Shorten(ending())} | |");
                    continue;
                }

                var (rss, hwm) = ProcessMeter.Memory(pid);
                var (file, anonymous, shared) = ProcessMeter.Resident(pid);
                var target = name == NativeWatch ? $"≤ {WatchTargetMiB} MiB: {(rss / 1024.0 <= WatchTargetMiB ? "met" : "**missed**")}" : "";
                table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {alongTheWay} | {file / 1024.0:0.0} / {anonymous / 1024.0:0.0} / {shared / 1024.0:0.0} | {hwm / 1024.0:0.0} | {target} |");
                if (name == NativeWatch)
                {
                    // Where the target's memory is, so a miss says what to shrink.
                    var mappings = ProcessMeter.ResidentByMapping(pid).Take(8).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Mapping} {m.Kib / 1024.0:0.0}"));
                    byMapping = $"Native watch by mapping at the end (`Rss` of `/proc/PID/smaps`, MiB; `kiwigrid r-xp` is its code, `r--p` its read-only data (metadata, GC info, the type data as stored), `rw-p` its static data; anonymous is the type data rebuilt at start, the GC heap and the stacks): {string.Join(", ", mappings)}.";
                }
            }

            return table.ToString() + (byMapping is null ? "" : Environment.NewLine + byMapping + Environment.NewLine);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.Owner.DisposeAsync();
            }
        }
    }

    private static async Task<string> DayAsync(BenchSettings settings, CliBuilds cli, List<(string Name, bool Native)> builds, MosquittoProcess broker)
    {
        await using var emulator = await EmulatorProcess.StartAsync(86400 / settings.DayLength.TotalSeconds);
        var runs = new List<(string Build, int LimitMiB, ServeProcess? Serve, string? NotStarted)>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            foreach (var (name, native) in builds)
            {
                foreach (var limit in HeapLimitsMiB)
                {
                    var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = (limit * 1024L * 1024).ToString("X", CultureInfo.InvariantCulture) };
                    try
                    {
                        var serve = await ServeProcess.StartAsync(cli, native, emulator.BaseUri, IntervalSeconds, MqttArgs(broker, $"day{name}{limit}"), environment);
                        runs.Add((name, limit, serve, null));
                    }
                    catch (InvalidOperationException e)
                    {
                        runs.Add((name, limit, null, e.Message));
                    }
                }
            }

            var siteClockBefore = await SiteClockAsync(http, runs);
            await Task.Delay(settings.DayLength);
            var siteClockAfter = await SiteClockAsync(http, runs);

            var table = new StringBuilder();
            table.AppendLine("| build | heap limit | through the day | VmRSS MiB (end) | VmHWM MiB (peak) | how it ended |");
            table.AppendLine("| --- | ---: | --- | ---: | ---: | --- |");
            var survived = new Dictionary<(string, int), bool>();
            foreach (var (build, limit, serve, notStarted) in runs)
            {
                string alive, rss = "", hwm = "", ending = "";
                if (serve is null)
                {
                    alive = "no";
                    ending = "did not start: " + Shorten(notStarted!);
                }
                else if (serve.HasExited)
                {
                    alive = "no";
                    ending = Shorten(serve.Ending);
                }
                else
                {
                    var memory = ProcessMeter.Memory(serve.ProcessId);
                    (rss, hwm) = ((memory.Rss / 1024.0).ToString("0.0", CultureInfo.InvariantCulture), (memory.Hwm / 1024.0).ToString("0.0", CultureInfo.InvariantCulture));
                    var healthy = await HealthyAsync(http, serve);
                    alive = healthy ? "yes" : "no";
                    ending = healthy ? "running, /healthz 200" : "running, /healthz not 200: " + Shorten(serve.Ending);
                }

                survived[(build, limit)] = alive == "yes";
                table.AppendLine(CultureInfo.InvariantCulture, $"| {build} | {limit} MiB | {alive} | {rss} | {hwm} | {ending} |");
                Console.WriteLine($"smalldevice day, {build} {limit} MiB: {alive} {ending}");
            }

            var smallest = new StringBuilder();
            foreach (var (name, _) in builds)
            {
                // The smallest limit from which every larger one lived too.
                var limits = HeapLimitsMiB.Reverse().TakeWhile(l => survived[(name, l)]).ToList();
                var text = limits.Count == 0 ? "none of the limits tried" : $"{limits[^1]} MiB";
                var met = limits.Contains(ServeTargetMiB) ? "met" : "**missed**";
                smallest.AppendLine(CultureInfo.InvariantCulture, $"Smallest heap limit at which serve with MQTT lives through the day, {name}: **{text}** (target: survives under {ServeTargetMiB} MiB: {met}).");
            }

            return $"""
                The site's own clock (`measuredAt` of `/api/energy-flow`, the Energy Manager's time as serve shows it)
                read {siteClockBefore} when the day started and {siteClockAfter} at its end.

                {table.ToString().TrimEnd()}

                {smallest.ToString().TrimEnd()}
                """;
        }
        finally
        {
            foreach (var run in runs)
            {
                if (run.Serve is not null)
                {
                    await run.Serve.DisposeAsync();
                }
            }
        }
    }

    private static string[] MqttArgs(MosquittoProcess broker, string prefix) =>
        ["--mqtt", $"mqtt://127.0.0.1:{broker.Port}", "--mqtt-topic-prefix", "bench" + prefix, "--mqtt-discovery-prefix", "benchha" + prefix];

    private static async Task<bool> HealthyAsync(HttpClient http, ServeProcess serve)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(serve.Dashboard, "healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The <c>measuredAt</c> of the largest limit's serve still running, or why there is none.</summary>
    private static async Task<string> SiteClockAsync(HttpClient http, List<(string Build, int LimitMiB, ServeProcess? Serve, string? NotStarted)> runs)
    {
        if (runs.LastOrDefault(r => r.Serve is { HasExited: false }).Serve is not { } serve)
        {
            return "(no serve running)";
        }

        try
        {
            await serve.WaitForFirstSnapshotAsync(http, TimeSpan.FromSeconds(30));
            var flow = JsonNode.Parse(await http.GetStringAsync(new Uri(serve.Dashboard, "api/energy-flow")));
            return flow?["measuredAt"]?.GetValue<string>() is { } at ? $"`{at}`" : "nothing (`measuredAt` null: the tags carry no time)";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return "(unreadable: " + e.Message + ")";
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Replace("|", "/", StringComparison.Ordinal);
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "…";
    }

    /// <summary>A CLI command that runs until stopped (<c>watch</c>), its output drained, its last error lines kept.</summary>
    private sealed class CliRun : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _errors;
        private readonly Task _output;

        private CliRun(Process process)
        {
            _process = process;
            _output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            _errors = process.StandardError.ReadToEndAsync();
        }

        public int ProcessId => _process.Id;

        public bool HasExited => _process.HasExited;

        public string Ending => _process.HasExited ? $"exit {_process.ExitCode}: {(_errors.IsCompleted ? _errors.Result.Trim() : "")}" : "running";

        public static CliRun Start(ProcessStartInfo info) =>
            new(Process.Start(info) ?? throw new InvalidOperationException(info.FileName + " did not start."));

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            await _output;
            await _errors;
            _process.Dispose();
        }
    }
}
