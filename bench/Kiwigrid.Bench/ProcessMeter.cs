using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// What another process costs, read from <c>/proc</c>: CPU time (<c>utime + stime</c> of <c>/proc/PID/stat</c>)
/// and resident memory (<c>VmRSS</c>, <c>VmHWM</c> of <c>/proc/PID/status</c>, per mapping from <c>/proc/PID/smaps</c>).
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

    /// <summary>
    /// Where the resident memory is, in KiB: file-backed (the executable's code and data, libraries), anonymous (heaps,
    /// stacks) and shared (a JIT build's compiled code, which the runtime maps twice from a memory file).
    /// </summary>
    public static (long File, long Anonymous, long Shared) Resident(int pid) => (Status(pid, "RssFile"), Status(pid, "RssAnon"), Status(pid, "RssShmem"));

    /// <summary>
    /// Resident KiB per mapping of <c>/proc/PID/smaps</c>, largest first: each file by name and permissions
    /// (<c>kiwigrid r-xp</c> is the binary's code), all anonymous mappings (heaps, stacks, the GC's regions) as one.
    /// </summary>
    public static IReadOnlyList<(string Mapping, long Kib)> ResidentByMapping(int pid)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var mapping = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            // A mapping's header: "start-end perms offset dev inode [path]"; its fields follow as "Name: value kB".
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                var path = fields.Length == 6 ? fields[5].Trim() : "";
                mapping = path.StartsWith('/') ? $"{Path.GetFileName(path)} {fields[1]}" : "anonymous";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                totals[mapping] = totals.GetValueOrDefault(mapping) + long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return [.. totals.Where(t => t.Value > 0).OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value))];
    }

    private static long Status(int pid, string name) => long.Parse(
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0],
        CultureInfo.InvariantCulture);
}
