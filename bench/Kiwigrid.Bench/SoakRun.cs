using System.Diagnostics;
using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// The soak (not part of <c>all</c> nor of the test suite): the scale benchmark's load — <c>--sessions</c> event-bus
/// sessions each polling <c>getDevices</c> once a second — held for <c>--minutes</c> against an emulator child
/// process. Passes (exit 0) only when every session opened and every request got a successful reply: no reply lost
/// (timed out), none failed. Prints the counts either way; bounded by the minutes given.
/// </summary>
internal static class SoakRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        double minutes = 5;
        var sessions = 1000;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : (double?)null;
            switch (args[i])
            {
                case "--minutes" when value is not null:
                    minutes = value.Value;
                    i++;
                    break;
                case "--sessions" when value is not null:
                    sessions = (int)value.Value;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete argument {args[i]}.");
                    Console.Error.WriteLine(BenchSettings.Usage);
                    return 2;
            }
        }

        var length = TimeSpan.FromMinutes(minutes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: {sessions} sessions polling getDevices every second for {length.TotalMinutes:0.##} min"));
        await using var emulator = await EmulatorProcess.StartAsync();
        var login = await BusLogin.LogInAsync(emulator.BaseUri);
        var clock = Stopwatch.StartNew();
        var (open, openErrors) = await ScaleBenchmark.OpenAsync(login, sessions);
        try
        {
            var poll = await ScaleBenchmark.PollAsync(login.AccessToken, open, length);
            var (heap, workingSet) = await emulator.MeasureMemoryAsync();
            var answered = poll.Requests - poll.Errors;
            var failed = poll.Errors - poll.Lost;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                soak: {open.Count} of {sessions} sessions open ({openErrors} failed to open), {clock.Elapsed.TotalSeconds:0} s
                soak: requests sent {poll.Requests}, answered {answered}, failed {failed}, lost (no reply within the timeout) {poll.Lost}, started late {poll.Late}
                soak: reply latency p50 {poll.Latencies.Milliseconds(50):0.0} ms, p99 {poll.Latencies.Milliseconds(99):0.0} ms, max {poll.Latencies.Milliseconds(100):0.0} ms
                soak: emulator afterwards: managed heap {heap / 1048576.0:0.0} MiB, working set {workingSet / 1048576.0:0.0} MiB
                """));
            var expected = open.Count * (int)Math.Round(length.TotalSeconds);
            var passed = openErrors == 0 && poll.Errors == 0 && poll.Requests > 0 && poll.Requests >= expected - open.Count;
            Console.WriteLine(passed ? "soak: passed, no reply lost or failed" : "soak: FAILED");
            return passed ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(open.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
