using System.ComponentModel;
using System.Diagnostics;

namespace Kiwigrid.Testing;

/// <summary>
/// Debian packages some tests need as real peers (Chromium, Mosquitto, Prometheus, jq, systemd-analyze). Run as root, `dotnet test`
/// installs a missing one with apt-get on first use, so one command is enough on a fresh machine; `.ci/run` installs
/// them up front. Anyone else installs them first (README, "Tests"); a test that finds one missing says so.
/// </summary>
internal static class DebianPackage
{
    /// <summary>What a user without root runs once before the tests: every package they install by themselves.</summary>
    public const string ManualInstall = "sudo apt-get install -y --no-install-recommends chromium mosquitto prometheus jq systemd";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>Returns <paramref name="executable"/>, installing <paramref name="package"/> with apt-get if it is missing.</summary>
    /// <exception cref="InvalidOperationException">It is missing and cannot be installed; the message says what to run.</exception>
    public static Task<string> EnsureAsync(string executable, string package) =>
        EnsureAsync(executable, package, Environment.IsPrivilegedProcess);

    /// <summary><see cref="EnsureAsync(string, string)"/> as root or not.</summary>
    internal static async Task<string> EnsureAsync(string executable, string package, bool asRoot)
    {
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(executable))
            {
                return executable;
            }

            if (!asRoot)
            {
                throw Missing(executable, "only root may install it");
            }

            foreach (var arguments in new[] { "update", $"install -y --no-install-recommends {package}" })
            {
                var (exitCode, errors) = await RunAptGetAsync(arguments);
                if (exitCode != 0)
                {
                    throw Missing(executable, $"apt-get {arguments} failed: {errors}");
                }
            }

            return File.Exists(executable) ? executable : throw Missing(executable, $"the package {package} does not contain it");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static InvalidOperationException Missing(string executable, string reason) =>
        new($"{executable} is missing and cannot be installed ({reason}): run `{ManualInstall}` first.");

    /// <summary>apt-get's exit code and the last line of its errors (the one that says why, such as a held lock).</summary>
    private static async Task<(int ExitCode, string LastError)> RunAptGetAsync(string arguments)
    {
        var info = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        Process apt;
        try
        {
            apt = Process.Start(info) ?? throw new InvalidOperationException("apt-get did not start.");
        }
        catch (Win32Exception)
        {
            return (-1, "there is no apt-get on this machine");
        }

        using (apt)
        {
            var output = apt.StandardOutput.ReadToEndAsync();
            var errors = apt.StandardError.ReadToEndAsync();
            await apt.WaitForExitAsync();
            await output;
            var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (apt.ExitCode, lines.LastOrDefault() ?? $"exit code {apt.ExitCode}");
        }
    }
}
