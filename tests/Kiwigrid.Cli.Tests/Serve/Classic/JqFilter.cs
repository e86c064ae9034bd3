using System.Diagnostics;
using System.Globalization;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>Debian's real <c>jq</c> applied to an answer, as an integration applies its filters to what it reads.</summary>
internal static class JqFilter
{
    private const string Executable = "/usr/bin/jq";

    /// <summary>Every number <paramref name="filter"/> yields for <paramref name="json"/>, in order.</summary>
    public static async Task<IReadOnlyList<double>> NumbersAsync(string filter, byte[] json)
    {
        await DebianPackage.EnsureAsync(Executable, "jq");
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--compact-output");
        info.ArgumentList.Add(filter);
        using var jq = Process.Start(info) ?? throw new InvalidOperationException("jq did not start.");
        var output = jq.StandardOutput.ReadToEndAsync();
        var errors = jq.StandardError.ReadToEndAsync();
        await jq.StandardInput.BaseStream.WriteAsync(json);
        jq.StandardInput.Close();
        await jq.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(jq.ExitCode == 0, $"jq '{filter}' failed: {await errors}");
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => double.Parse(line, NumberStyles.Float, CultureInfo.InvariantCulture))];
    }
}
