using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kiwigrid.Cli;

/// <summary>
/// Gives the kernel back, once a long-running command has read its site for the first time, the pages of code and
/// read-only data that only start-up read: above all the type data as stored, which NativeAOT reads once at start to
/// rebuild it in writable memory, and OpenSSL's, which the first connection's handshake loads. They are clean pages of
/// the executable and its libraries, so a page needed again comes back from the page cache on first touch (the code a
/// reading runs, within that reading); nothing written is dropped (ARCHITECTURE, "Resident memory of the native binary":
/// native watch 26.7 → 21.3 MiB resident).
/// </summary>
internal static class StartupPages
{
    // MADV_DONTNEED: the same number on every Linux architecture .NET runs on.
    private const int DontNeed = 4;

    private static int _released;

    /// <summary>Releases them, once per process; nothing in a JIT build (whose executable is the dotnet host) or off Linux.</summary>
    public static void Release()
    {
        if (RuntimeFeature.IsDynamicCodeSupported || !OperatingSystem.IsLinux() || Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (start, length) in Unwritten(File.ReadLines("/proc/self/smaps")))
            {
                // A refusal leaves the pages where they were, which is all this can cost.
                _ = Advise(start, length, DontNeed);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc to read: the pages stay resident, as they would without this.
        }
    }

    /// <summary>
    /// The read-only mappings of files (code and data) that hold no written page, from the text of
    /// <c>/proc/self/smaps</c>. A mapping the loader wrote relocations into is anonymous memory by now: dropping it would
    /// bring back the file's unrelocated bytes, so it is left alone, as is anything not backed by a file.
    /// </summary>
    internal static List<(nint Start, nuint Length)> Unwritten(IEnumerable<string> smaps)
    {
        var unwritten = new List<(nint, nuint)>();
        (nint Start, nuint Length)? mapping = null;
        var written = false;
        foreach (var line in smaps.Append("end"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var key, var kib, "kB"])
            {
                written |= key is "Private_Dirty:" or "Shared_Dirty:" or "Anonymous:" && kib != "0";
                continue;
            }

            if (fields is [var first, ..] && first.EndsWith(':'))
            {
                continue;
            }

            // The line after a mapping's counters: the next mapping's "start-end perms offset device inode [path]".
            if (mapping is { } done && !written)
            {
                unwritten.Add(done);
            }

            // A file's mapping names it by its absolute path; "[vdso]" and the like are the kernel's, " (deleted)" a file gone.
            mapping = fields is [var range, "r--p" or "r-xp", _, _, _, ['/', ..]] ? Range(range) : null;
            written = false;
        }

        return unwritten;
    }

    private static (nint Start, nuint Length) Range(string range)
    {
        var bounds = range.Split('-');
        var start = nint.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var end = nint.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (start, (nuint)(end - start));
    }

    // DllImport, not LibraryImport: the arguments are plain numbers, so no marshalling is generated either way, and
    // LibraryImport would need unsafe code allowed in the whole project.
    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Advise(nint start, nuint length, int advice);
}
