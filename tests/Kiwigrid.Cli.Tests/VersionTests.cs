using System.Diagnostics;
using System.Text.RegularExpressions;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>kiwigrid --version</c> changes with every commit, so a reinstalled tool is a newer one.</summary>
public sealed partial class VersionTests
{
    [Fact]
    public async Task Version_is_version_txt_with_the_commit_count_as_patch_and_the_commit()
    {
        // The real executable: --version names the entry assembly, which in-process would be the test host.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Kiwigrid.Cli", "bin", configuration, "net10.0", "kiwigrid.dll");
        var version = Run("dotnet", dll, "--version");

        var match = VersionText().Match(version);
        Assert.True(match.Success, version);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "version.txt")).Trim(), match.Groups["prefix"].Value);
        // The build's commit (HEAD when it was built), and as patch the number of commits up to it: a later commit counts more.
        var commit = match.Groups["commit"].Value;
        Assert.Equal(Run("git", "rev-list", "--count", commit), match.Groups["patch"].Value);
        Assert.NotEqual("0", match.Groups["patch"].Value);
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}");
        return output;
    }

    [GeneratedRegex(@"^(?<prefix>\d+\.\d+)\.(?<patch>\d+)\+(?<commit>[0-9a-f]{40})$")]
    private static partial Regex VersionText();
}
