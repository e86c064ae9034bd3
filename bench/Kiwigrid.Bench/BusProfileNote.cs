namespace Kiwigrid.Bench;

/// <summary>
/// Where the emulator's time goes in the bus benchmark, from profiles of the emulator process taken while the
/// benchmark ran (not by each run: a profiler is not part of it). Printed into RESULTS.md when a bus target is missed.
/// </summary>
internal static class BusProfileNote
{
    public const string Text = """
        Where the emulator's time goes (profiles of the emulator process during `bus`, 2026-12-03, on this 2-core
        machine under a load average of about 20; to repeat: `perf record -g -p <emulator-host pid>` with
        `DOTNET_PerfMapEnabled=1`, or `dotnet-trace collect -p <pid>`):
        - Its CPU time per round trip (the column above) was 32–36 µs with 100 in flight over several runs, against
          34–56 for the Node bridge and 24–85 for Vert.x; its throughput lead over Node comes mostly from using both
          cores while the Node bridge has one thread, and a 1.5× lead needs still less CPU per round trip.
        - perf, by binary: JIT-compiled .NET code 39 %, the kernel 27 % (of which 14 % context switches and
          `sched_yield`: thread-pool threads handing work to each other and spinning for more), the runtime
          (`libcoreclr`: GC, thread pool) 14 %, libc 9 % (4.6 % `memset`, clearing memory for new allocations),
          OpenSSL 7.7 % (`HMACSHA1.HashData` set up a new HMAC context on each call). Fixed: the emulator now reuses
          keyed HMAC contexts (`Portal/TokenSignatures.cs`): OpenSSL fell to 3.6 % of its samples, and the emulator's
          CPU per round trip to 27–35 µs in the runs after the change (the machine's noise is of the same order).
        - dotnet-trace, on-CPU managed samples: the emulator's own bus code is about 12 % (token check 3.6 %, the JSON
          well-formedness walk 2.6 %, parsing 2.1 %, reply objects, serialisation and SockJS framing 2.1 %, writer loop
          1.2 %); the WebSocket and Kestrel socket paths about 7 %; the rest is the thread pool and the socket event
          thread dispatching work between threads.
        So the time is in the per-message thread hops and allocations of the ASP.NET Core WebSocket stack and in the
        DOM-based message handling (parse, clone, walk, rebuild), not in one hot spot; a small change in the emulator
        does not buy 1.5×. What could: write a reply on the receiving thread instead of through the writer task, and read
        the request with `Utf8JsonReader` instead of building, cloning and walking a `JsonNode` tree.
        """;
}
