using System.Globalization;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Bench;

/// <summary>
/// The child side of <see cref="EmulatorProcess"/>: an emulator with default options in a process of its own, so its
/// memory can be measured apart from the clients'. Prints <c>listening on BASEURI</c>; then answers each
/// <c>mem</c> line on stdin with <c>mem HEAP WORKINGSET</c> (bytes, after a full collection) and stops at <c>quit</c>
/// or when stdin closes, so it never outlives the benchmark. With a speed factor the simulated home runs that many
/// simulated seconds per real second (the client-footprint benchmark's ten simulated minutes).
/// </summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(double? speed)
    {
        var options = speed is { } factor
            ? EmulatorOptions.Default with
            {
                SiteFactory = clock => new SimulatedSite(SimulationOptions.Default with { Start = clock.GetUtcNow(), SpeedFactor = factor }, clock),
            }
            : EmulatorOptions.Default;
        options = options with { TokenSecret = BusTokenSecret.FromEnvironment() };
        await using var emulator = await KiwigridEmulator.StartAsync(options);
        Console.WriteLine("listening on " + emulator.BaseUri);
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            if (line == "mem")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mem {heap} {self.WorkingSet64}"));
            }
        }

        return 0;
    }
}
