using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kiwigrid.Bench;

/// <summary>What the figures were measured on.</summary>
internal sealed record Machine(string Cpu, int Cores, string Load, string OS, string DotNet, string Node, DateTimeOffset Date)
{
    public static Machine Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new Machine(
            cpu ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            // Other work on a shared machine skews the side that runs during it: shown so a reader can judge.
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown",
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            NodeVersion(),
            DateTimeOffset.UtcNow);
    }

    public string ToMarkdown() =>
        $"""
        | | |
        | --- | --- |
        | CPU | {Cpu} |
        | cores | {Cores} (shared with other work on this machine) |
        | load average (1, 5, 15 min) at start | {Load} |
        | OS | {OS} |
        | .NET | {DotNet} (Release build) |
        | Node.js | {Node} |
        | date | {Date:yyyy-MM-dd HH:mm} UTC |
        """;

    private static string NodeVersion()
    {
        var info = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var node = Process.Start(info);
        if (node is null)
        {
            return "not found";
        }

        var version = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return version;
    }
}
