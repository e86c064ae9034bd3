namespace Kiwigrid.Cli.Tests;

/// <summary>
/// Which pages the native binary gives back after start-up: only read-only mappings of files (its own and its
/// libraries' code and data) that hold no written page. Giving back one the loader wrote relocations into would bring
/// back the file's unrelocated bytes and crash; anonymous memory is the heap.
/// </summary>
public sealed class StartupPagesTests
{
    // Shaped as /proc/PID/smaps of native watch (fewer counters per mapping): the executable's headers, code and type
    // data as stored (clean), a page the loader relocated (now anonymous), its writable data, a library's read-only data
    // and code, an anonymous mapping, the kernel's vdso and a deleted file's code.
    private const string Smaps = """
        55bc01479000-55bc014a1000 r--p 00000000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:                160 kB
        Rss:                 160 kB
        Shared_Dirty:          0 kB
        Private_Clean:       160 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        Locked:                0 kB
        VmFlags: rd mr mw me sd
        55bc014a1000-55bc02007000 r-xp 00028000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:              11672 kB
        Rss:                3628 kB
        Private_Clean:      3628 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me sd
        55bc02007000-55bc0272c000 r--p 00b8e000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:               7316 kB
        Rss:                5908 kB
        Shared_Dirty:          0 kB
        Private_Clean:      5908 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me sd
        55bc0272c000-55bc0272d000 r--p 012b3000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:                  4 kB
        Rss:                   4 kB
        Shared_Dirty:          0 kB
        Private_Clean:         0 kB
        Private_Dirty:         4 kB
        Anonymous:             4 kB
        VmFlags: rd mr mw me ac sd
        55bc02b9e000-55bc02bff000 rw-p 01725000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:                388 kB
        Private_Dirty:       136 kB
        Anonymous:           136 kB
        VmFlags: rd wr mr mw me ac sd
        7f0a10000000-7f0a10021000 r--p 00000000 fe:00 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Size:                132 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me sd
        7f0a10021000-7f0a101a0000 r-xp 00021000 fe:00 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Size:               1532 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me sd
        7f0a10100000-7f0a10200000 rw-p 00000000 00:00 0
        Size:               1024 kB
        Anonymous:          1024 kB
        VmFlags: rd wr mr mw me ac sd
        7f0a10300000-7f0a10400000 r--p 00000000 00:00 0
        Size:               1024 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        7ffd3e5f2000-7ffd3e5f4000 r-xp 00000000 00:00 0                          [vdso]
        Size:                  8 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        7f0a10500000-7f0a10600000 r-xp 00000000 fe:00 77                         /tmp/old-plugin.so (deleted)
        Size:               1024 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        55bc02c00000-55bc02c01000 r--p 012b4000 fe:00 1234                       /opt/kiwigrid/kiwigrid
        Size:                  4 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        """;

    [Fact]
    public void Only_read_only_mappings_of_files_without_a_written_page_are_given_back()
    {
        var unwritten = StartupPages.Unwritten(Smaps.Split('\n'));

        Assert.Equal(
            [
                (0x55bc01479000, 0x28000), (0x55bc014a1000, 0xb66000), (0x55bc02007000, 0x725000),
                (0x7f0a10000000, 0x21000), (0x7f0a10021000, 0x17f000), (0x55bc02c00000, 0x1000),
            ],
            unwritten.Select(m => ((long)m.Start, (long)m.Length)));
    }

    [Fact]
    public void A_running_process_own_mappings_are_read_without_error()
    {
        // This test runs in the dotnet host (a JIT build, where Release does nothing): its own smaps must still parse.
        var unwritten = StartupPages.Unwritten(File.ReadLines("/proc/self/smaps"));

        // Every read-only mapping, a file's or not: at least as many as the files' without a written page.
        var readOnly = File.ReadLines("/proc/self/maps").Count(line => line.Contains(" r--p ", StringComparison.Ordinal) || line.Contains(" r-xp ", StringComparison.Ordinal));
        Assert.InRange(unwritten.Count, 1, readOnly);
    }
}
