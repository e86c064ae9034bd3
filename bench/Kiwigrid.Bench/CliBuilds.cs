using System.Diagnostics;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// The <c>kiwigrid</c> CLI as users run it, published for the process-level benchmarks (cold start, footprint) into
/// <c>bench/Kiwigrid.Bench/bin/cli/</c>: framework-dependent (run as <c>dotnet kiwigrid.dll</c>, JIT) and
/// NativeAOT for linux-x64 (README, "Native binary"). A native publish that fails (no clang, another OS) leaves the
/// native side out, with the reason.
/// </summary>
internal sealed record CliBuilds(string JitDll, string? NativeBinary, string? NativeMissing)
{
    private static CliBuilds? _published;

    public static async Task<CliBuilds> PublishAsync()
    {
        if (_published is not null)
        {
            return _published;
        }

        var output = Path.Combine(RepoPaths.Root, "bench", "Kiwigrid.Bench", "bin", "cli");
        var project = Path.Combine(RepoPaths.Root, "src", "Kiwigrid.Cli");
        Console.WriteLine("publishing the CLI (JIT and NativeAOT) into " + output);
        var jit = Path.Combine(output, "jit");
        var (jitExit, jitLog) = await DotnetAsync("publish", project, "-c", "Release", "-o", jit);
        if (jitExit != 0)
        {
            throw new InvalidOperationException("dotnet publish of the CLI failed:\n" + jitLog);
        }

        var native = Path.Combine(output, "native");
        string? missing = null;
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitOperatingSystem)
        {
            missing = "the native publish is set up for linux-x64 only";
        }
        else
        {
            var (nativeExit, nativeLog) = await DotnetAsync("publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", native);
            if (nativeExit != 0)
            {
                missing = "the NativeAOT publish failed (is clang installed?): " + nativeLog.Split('\n').LastOrDefault(l => l.Contains("error", StringComparison.Ordinal))?.Trim();
            }
        }

        _published = new CliBuilds(Path.Combine(jit, "kiwigrid.dll"), missing is null ? Path.Combine(native, "kiwigrid") : null, missing);
        return _published;
    }

    /// <summary>The start information for running the JIT or the native CLI with <paramref name="args"/>.</summary>
    public ProcessStartInfo StartInfo(bool native, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(native ? NativeBinary! : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (!native)
        {
            info.ArgumentList.Add(JitDll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KIWIGRID_USERNAME"] = Emulator.Hosting.EmulatorOptions.DemoUserName;
        info.Environment["KIWIGRID_PASSWORD"] = Emulator.Hosting.EmulatorOptions.DemoPassword;
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
