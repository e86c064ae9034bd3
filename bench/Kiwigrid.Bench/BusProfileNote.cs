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
        - Its CPU time per round trip (the column above) is about the same as the Node bridge's and Vert.x's
          (32–36 µs against 34–56 and 24–34 with 100 in flight over several runs); its throughput lead over Node comes
          from using both cores while the Node bridge has one thread, and a 1.5× lead needs less CPU per round trip.
        - perf, by binary: JIT-compiled .NET code 39 %, the kernel 27 % (of which 14 % context switches and
          `sched_yield`: thread-pool threads handing work to each other and spinning for more), the runtime
          (`libcoreclr`: GC, thread pool) 14 %, libc 9 % (4.6 % `memset`, clearing memory for new allocations),
          OpenSSL 8 % (`HMACSHA1.HashData` sets up a new HMAC context on each call; the SHA-1 itself is a small part).
        - dotnet-trace, on-CPU managed samples: the emulator's own bus code is about 12 % (token check 3.6 %, the JSON
          well-formedness walk 2.6 %, parsing 2.1 %, reply objects, serialisation and SockJS framing 2.1 %, writer loop
          1.2 %); the WebSocket and Kestrel socket paths about 7 %; the rest is the thread pool and the socket event
          thread dispatching work between threads.
        So the time is in the per-message thread hops and allocations of the ASP.NET Core WebSocket stack and in the
        DOM-based message handling (parse, clone, walk, rebuild), not in one hot spot; a small change in the emulator
        does not buy 1.5×. What would: handle a message on the receiving thread without the writer hop, read the
        request with `Utf8JsonReader` instead of a `JsonNode` tree, and reuse the HMAC key's context.
        """;
}
