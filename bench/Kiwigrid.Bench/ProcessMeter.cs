using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// What another process costs, read from <c>/proc</c>: CPU time (<c>utime + stime</c> of <c>/proc/PID/stat</c>)
/// and resident memory (<c>VmRSS</c>, <c>VmHWM</c> of <c>/proc/PID/status</c>).
/// </summary>
internal static class ProcessMeter
{
    /// <summary>Clock ticks per second of <c>/proc/PID/stat</c> (USER_HZ, 100 on every Linux build in use).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>VmRSS (resident now) and VmHWM (peak resident) in KiB.</summary>
    public static (long Rss, long Hwm) Memory(int pid) => (Status(pid, "VmRSS"), Status(pid, "VmHWM"));

    /// <summary>Where the resident memory is, in KiB: file-backed (the executable's code and data, libraries) and anonymous (heaps, stacks).</summary>
    public static (long File, long Anonymous) Resident(int pid) => (Status(pid, "RssFile"), Status(pid, "RssAnon"));

    private static long Status(int pid, string name) => long.Parse(
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0],
        CultureInfo.InvariantCulture);
}
