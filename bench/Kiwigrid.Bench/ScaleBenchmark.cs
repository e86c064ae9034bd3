using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;

namespace Kiwigrid.Bench;

/// <summary>
/// Benchmark 4: the emulator (its own process) holding <see cref="BenchSettings.Sessions"/> event-bus sessions,
/// each its own WebSocket, first idle (memory per session), then each polling <c>getDevices</c> with a projection
/// once a second for <see cref="BenchSettings.ScaleLength"/>, as the portal's dashboard does.
/// </summary>
internal static class ScaleBenchmark
{
    private const int OpenConcurrently = 50;
    private const double MemoryTargetKiB = 64;

    private static readonly DeviceQuery DashboardQuery = new()
    {
        Projection = DeviceProjection.OnlyTags(
            TagNames.IdName, TagNames.PowerProduced, TagNames.PowerConsumed, TagNames.PowerIn, TagNames.PowerOut, "StateOfCharge"),
    };

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"== 4. Scale: {settings.Sessions} sessions polling getDevices every second for {settings.ScaleLength.TotalSeconds:0} s");
        await using var emulator = await EmulatorProcess.StartAsync();
        var login = await BusLogin.LogInAsync(emulator.BaseUri);
        var idleBefore = await emulator.MeasureMemoryAsync();

        var (sessions, connectErrors) = await OpenAsync(login, settings.Sessions);
        try
        {
            // Let every session settle (first ping answered, buffers sized) before measuring.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idleAfter = await emulator.MeasureMemoryAsync();
            var heapPerSession = (idleAfter.Heap - idleBefore.Heap) / 1024.0 / Math.Max(1, sessions.Count);
            var workingSetPerSession = (idleAfter.WorkingSet - idleBefore.WorkingSet) / 1024.0 / Math.Max(1, sessions.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: {sessions.Count} sessions open ({connectErrors} failed); idle memory per session: heap {heapPerSession:0.0} KiB, working set {workingSetPerSession:0.0} KiB"));

            var poll = await PollAsync(login.AccessToken, sessions, settings.ScaleLength);
            var busy = await emulator.MeasureMemoryAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: {poll.Requests} requests, {poll.Errors} errors, {poll.Requests / settings.ScaleLength.TotalSeconds:N0}/s, p50 {poll.Latencies.Milliseconds(50):0.0} ms, p99 {poll.Latencies.Milliseconds(99):0.0} ms"));

            var errors = connectErrors + poll.Errors;
            return $"""
                Emulator: a child process (`emulator-host`, server GC as shipped, default simulated home). Client: this process,
                one real portal login, then {settings.Sessions:N0} `EventBusConnection`s opened {OpenConcurrently} at a time,
                each its own WebSocket (pinging every 5 s, as the client does). Each session then sends
                `deviceservice.getDevices` with the projection `{DashboardQuery.Projection}` once a second (first send at a
                random offset within the first second, then on a fixed 1 s schedule) for {settings.ScaleLength.TotalSeconds:0} s.
                Memory: the emulator process's managed heap (after a forced full, compacting collection) and working set,
                with the sessions open and idle, minus the same before they were opened. Loopback only; both processes share
                the {Environment.ProcessorCount} cores.

                | figure | value | target |
                | --- | ---: | --- |
                | sessions open | {sessions.Count:N0} of {settings.Sessions:N0} | all |
                | requests answered | {poll.Requests - poll.Errors:N0} ({(poll.Requests - poll.Errors) / settings.ScaleLength.TotalSeconds:N0}/s) | |
                | errors (failed opens, failed or timed-out requests) | {errors:N0} | none: {(errors == 0 ? "met" : "**missed**")} |
                | sends that started late (previous reply still pending) | {poll.Late:N0} | |
                | reply latency p50 | {poll.Latencies.Milliseconds(50):0.0} ms | |
                | reply latency p99 | {poll.Latencies.Milliseconds(99):0.0} ms | |
                | reply latency max | {poll.Latencies.Milliseconds(100):0.0} ms | |
                | emulator managed heap per idle session | {heapPerSession:0.0} KiB | < {MemoryTargetKiB} KiB: {(heapPerSession < MemoryTargetKiB ? "met" : "**missed**")} |
                | emulator working set per idle session | {workingSetPerSession:0.0} KiB | |
                | emulator heap / working set, 0 sessions | {idleBefore.Heap / 1048576.0:0.0} / {idleBefore.WorkingSet / 1048576.0:0.0} MiB | |
                | emulator heap / working set, sessions idle | {idleAfter.Heap / 1048576.0:0.0} / {idleAfter.WorkingSet / 1048576.0:0.0} MiB | |
                | emulator heap / working set, after polling | {busy.Heap / 1048576.0:0.0} / {busy.WorkingSet / 1048576.0:0.0} MiB | |
                """;
        }
        finally
        {
            await Task.WhenAll(sessions.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    internal static async Task<(List<EventBusConnection> Sessions, int Errors)> OpenAsync(BusLogin login, int count)
    {
        var sessions = new List<EventBusConnection>(count);
        var errors = 0;
        using var gate = new SemaphoreSlim(OpenConcurrently);
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var session = await login.ConnectAsync();
                lock (sessions)
                {
                    sessions.Add(session);
                }
            }
            catch (Exception e) when (e is Client.KiwigridException or IOException)
            {
                Interlocked.Increment(ref errors);
                Console.Error.WriteLine("scale: could not open a session: " + e.Message);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening);
        return (sessions, errors);
    }

    /// <summary>Each session sends the dashboard's getDevices once a second for <paramref name="length"/>.</summary>
    internal static async Task<PollFigures> PollAsync(string accessToken, List<EventBusConnection> sessions, TimeSpan length)
    {
        var random = new Random(6);
        var offsets = sessions.Select(_ => TimeSpan.FromMilliseconds(random.Next(1000))).ToList();
        var watch = Stopwatch.StartNew();
        var pollers = sessions.Select((session, i) => Task.Run(async () =>
        {
            var latencies = new Latencies();
            int requests = 0, errors = 0, late = 0, lost = 0;
            for (var due = offsets[i]; due < length; due += TimeSpan.FromSeconds(1))
            {
                var wait = due - watch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                else
                {
                    late++;
                }

                var body = new JsonObject { ["accessToken"] = accessToken, ["action"] = "getDevices", ["params"] = DashboardQuery.ToParams(0, 50) };
                var start = Stopwatch.GetTimestamp();
                requests++;
                try
                {
                    await session.SendAsync("deviceservice", body, static reply => ServiceRequester.ReadReply(reply, "deviceservice", "getDevices", DevicePage.Read));
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (Client.KiwigridTimeoutException e)
                {
                    // No reply within the request timeout: a lost reply.
                    errors++;
                    lost++;
                    Console.Error.WriteLine("scale: no reply: " + e.Message);
                }
                catch (Client.KiwigridException e)
                {
                    errors++;
                    Console.Error.WriteLine("scale: request failed: " + e.Message);
                }
            }

            return (latencies, requests, errors, late, lost);
        })).ToList();
        var results = await Task.WhenAll(pollers);
        return new PollFigures(
            Latencies.Merge(results.Select(r => r.latencies)),
            results.Sum(r => r.requests),
            results.Sum(r => r.errors),
            results.Sum(r => r.late),
            results.Sum(r => r.lost));
    }

    /// <summary>What a poll run counted; <see cref="Lost"/> (no reply in time) is part of <see cref="Errors"/>.</summary>
    internal sealed record PollFigures(Latencies Latencies, int Requests, int Errors, int Late, int Lost);
}
