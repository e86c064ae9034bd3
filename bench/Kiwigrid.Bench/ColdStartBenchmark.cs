using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 3: a whole process from start to exit that logs in (four HTTP steps), reads the devices once and prints
/// them: <c>kiwigrid status --server … --json</c> JIT (<c>dotnet kiwigrid.dll</c>) and NativeAOT, against
/// <c>tests/peers/vertx-client-read.js</c> (the same login, one <c>getDevices</c> over sockjs-client and
/// vertx3-eventbus-client). Runs alternate between the sides so that load on the shared machine hits all of them;
/// the median wall time of <see cref="BenchSettings.Runs"/> runs each is kept, after one unmeasured warm-up run
/// (disk cache).
/// </summary>
internal static class ColdStartBenchmark
{
    private const double Target = 0.5;

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"== 3. Cold start: kiwigrid status (JIT, native) vs Node.js, {settings.Runs} runs each");
        var cli = await CliBuilds.PublishAsync();
        await NodePeer.EnsureInstalledAsync();
        await using var emulator = await EmulatorProcess.StartAsync();
        var server = emulator.BaseUri.ToString();

        var sides = new List<(string Name, Func<ProcessStartInfo> Start, string Expect)>
        {
            ("Node.js (sockjs-client + vertx3-eventbus-client)", () => NodeStart(server), "RESULT "),
            ("kiwigrid, JIT (`dotnet kiwigrid.dll`)", () => cli.StartInfo(native: false, ["status", "--cloud", "legacy", "--server", server, "--json"]), "\"site\""),
        };
        if (cli.NativeBinary is not null)
        {
            sides.Add(("kiwigrid, NativeAOT", () => cli.StartInfo(native: true, ["status", "--cloud", "legacy", "--server", server, "--json"]), "\"site\""));
        }

        var times = sides.Select(_ => new List<double>()).ToList();
        for (var run = -1; run < settings.Runs; run++)
        {
            for (var i = 0; i < sides.Count; i++)
            {
                var index = (i + Math.Max(run, 0)) % sides.Count;
                var ms = await TimeAsync(sides[index].Start(), sides[index].Expect);
                if (run >= 0)
                {
                    times[index].Add(ms);
                }
            }
        }

        var node = Median(times[0]);
        var table = new StringBuilder();
        table.AppendLine("| process | median ms | min ms | max ms | ratio to Node.js |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < sides.Count; i++)
        {
            var median = Median(times[i]);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {sides[i].Name} | {median:0} | {times[i].Min():0} | {times[i].Max():0} | {(i == 0 ? "" : $"**{median / node:0.00}×**")} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start, {sides[i].Name}: median {median:0} ms ({median / node:0.00}x Node)"));
        }

        var verdict = cli.NativeBinary is null
            ? $"not measured: {cli.NativeMissing}"
            : Median(times[2]) / node <= Target ? "met" : "**missed**";
        return $"""
            Each run is a new process against the same emulator (a child process, default simulated home): a real
            portal login (four HTTP steps), one `getDevices` over the event bus, the reply printed, exit. kiwigrid:
            `status --server … --json` (credentials from the environment), published by the benchmark with
            `dotnet publish -c Release` (JIT) and `-r linux-x64 -p:PublishAot=true` (native). Node.js:
            `tests/peers/vertx-client-read.js` (Node's `http` for the login, then `vertx3-eventbus-client` on
            `sockjs-client`). Wall time from process start to exit; the sides take turns, one warm-up run each, then
            {settings.Runs} measured runs each.

            {table.ToString().TrimEnd()}

            Target: native at most {Target}× Node's wall time: {verdict}.
            """;
    }

    private static ProcessStartInfo NodeStart(string server)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "vertx-client-read.js", server, Emulator.Hosting.EmulatorOptions.DemoUserName, Emulator.Hosting.EmulatorOptions.DemoPassword })
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Runs the process to its end; throws unless it exits 0 having printed <paramref name="expect"/>.</summary>
    private static async Task<double> TimeAsync(ProcessStartInfo info, string expect)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException(info.FileName + " did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var output = await stdout;
        if (process.ExitCode != 0 || !output.Contains(expect, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {output}{await stderr}");
        }

        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
