using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 5: the resident memory of <c>kiwigrid watch</c> (JIT and NativeAOT, side by side against one emulator)
/// after ten minutes of simulated time. The emulator's simulated home runs fast (simulated seconds per real second
/// chosen so that ten minutes pass in <see cref="BenchSettings.FootprintLength"/>), and the watch polls at the
/// shortest interval the library allows, so every poll sees a minute or so of the home's life change.
/// </summary>
internal static class FootprintBenchmark
{
    private static readonly TimeSpan Simulated = TimeSpan.FromMinutes(10);

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        var speed = Simulated / settings.FootprintLength;
        var interval = (int)Client.Watch.DeviceWatchOptions.MinimumInterval.TotalSeconds;
        Console.WriteLine($"== 5. Client footprint: kiwigrid watch for {Simulated.TotalMinutes:0} simulated minutes ({settings.FootprintLength.TotalSeconds:0} s at speed {speed:0.#})");
        var cli = await CliBuilds.PublishAsync();
        await using var emulator = await EmulatorProcess.StartAsync(speed);
        string[] args = ["watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--interval", interval.ToString(CultureInfo.InvariantCulture), "--json"];

        var sides = new List<(string Name, Watcher Watcher)> { ("kiwigrid watch, JIT (`dotnet kiwigrid.dll`)", Watcher.Start(cli.StartInfo(native: false, args))) };
        if (cli.NativeBinary is not null)
        {
            sides.Add(("kiwigrid watch, NativeAOT", Watcher.Start(cli.StartInfo(native: true, args))));
        }

        await Task.Delay(settings.FootprintLength);
        var table = new StringBuilder();
        table.AppendLine("| process | VmRSS MiB (now) | VmHWM MiB (peak) | changes printed |");
        table.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, watcher) in sides)
        {
            var (rss, hwm) = watcher.Memory();
            var changes = await watcher.StopAsync();
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rss / 1024.0:0.0} | {hwm / 1024.0:0.0} | {changes:N0} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"footprint, {name}: VmRSS {rss / 1024.0:0.0} MiB, VmHWM {hwm / 1024.0:0.0} MiB, {changes} changes"));
        }

        var missing = cli.NativeBinary is null ? $" The native binary is not here: {cli.NativeMissing}." : "";
        return $"""
            `kiwigrid watch --server … --interval {interval} --json` (credentials from the environment) against an emulator
            child process whose simulated home runs at {speed:0.#} simulated seconds per real second, so that
            {Simulated.TotalMinutes:0} simulated minutes pass in {settings.FootprintLength.TotalSeconds:0} s of real time; the
            watch polls every {interval} s (the library's minimum), so it read {settings.FootprintLength.TotalSeconds / interval + 1:0}
            snapshots, each about {speed * interval / 60:0.#} simulated minutes apart, and printed every tag change (one JSON
            line each). Both builds ran at the same time against the same emulator. Memory from `/proc/PID/status` at the
            end: VmRSS (resident now) and VmHWM (peak resident).{missing}

            {table.ToString().TrimEnd()}
            """;
    }

    /// <summary>A running <c>kiwigrid watch</c>, its output lines counted as they come.</summary>
    private sealed class Watcher
    {
        private readonly Process _process;
        private readonly Task<int> _lines;
        private readonly Task<string> _errors;

        private Watcher(Process process)
        {
            _process = process;
            _lines = CountLinesAsync(process.StandardOutput);
            _errors = process.StandardError.ReadToEndAsync();
        }

        public static Watcher Start(ProcessStartInfo info) =>
            new(Process.Start(info) ?? throw new InvalidOperationException(info.FileName + " did not start."));

        /// <summary>VmRSS and VmHWM in KiB.</summary>
        public (long Rss, long Hwm) Memory()
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kiwigrid watch ended early ({_process.ExitCode}): {_errors.Result}");
            }

            return ProcessMeter.Memory(_process.Id);
        }

        /// <summary>Ends the watch (it runs until interrupted) and returns how many change lines it printed.</summary>
        public async Task<int> StopAsync()
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            var lines = await _lines;
            _process.Dispose();
            return lines;
        }

        private static async Task<int> CountLinesAsync(StreamReader output)
        {
            var count = 0;
            while (await output.ReadLineAsync() is not null)
            {
                count++;
            }

            return count;
        }
    }
}
