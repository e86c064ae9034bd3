using System.Diagnostics;

namespace Kiwigrid.Testing;

/// <summary>
/// Debian packages some tests need as real peers (Chromium, Mosquitto). A fresh machine gets them installed on first
/// use, so `dotnet test` works without a manual step; `.ci/run` installs them up front.
/// </summary>
internal static class DebianPackage
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>Returns <paramref name="executable"/>, installing <paramref name="package"/> with apt-get if it is missing.</summary>
    public static async Task<string> EnsureAsync(string executable, string package)
    {
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(executable))
            {
                return executable;
            }

            if (Environment.UserName != "root")
            {
                throw new InvalidOperationException($"{executable} is missing: run `sudo apt-get install -y {package}` (as .ci/run does).");
            }

            foreach (var arguments in new[] { "update", $"install -y --no-install-recommends {package}" })
            {
                var info = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
                info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
                using var apt = Process.Start(info) ?? throw new InvalidOperationException("apt-get did not start");
                var output = apt.StandardOutput.ReadToEndAsync();
                var errors = apt.StandardError.ReadToEndAsync();
                await apt.WaitForExitAsync();
                if (apt.ExitCode != 0)
                {
                    throw new InvalidOperationException($"apt-get {arguments} failed:\n{await output}{await errors}");
                }
            }

            return File.Exists(executable)
                ? executable
                : throw new InvalidOperationException($"{package} installed, but {executable} is still missing.");
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
