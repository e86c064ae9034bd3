using Kiwigrid.Emulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>--verbose</c> (<c>-v</c>): the library's logs on stderr, one line each, no secret; stdout unchanged.</summary>
public sealed class VerboseTests
{
    private const string Password = "Verbose-Secret-5c1d";

    [Theory]
    [InlineData("legacy")]
    [InlineData("hems")]
    public async Task Status_with_v_logs_the_login_on_stderr_without_the_password_and_prints_the_same_stdout(string cloud)
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        var options = EmulatedHome.Options(clock) with { Users = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner@example.com"] = Password } };
        await using var emulator = await KiwigridEmulator.StartAsync(options);
        string[] status = ["status", "--cloud", cloud, "--server", emulator.BaseUri.ToString()];

        var quiet = await new CliRun { TimeProvider = clock }.WithDemoUser("owner@example.com", Password).RunAsync(status);
        var verbose = await new CliRun { TimeProvider = clock }.WithDemoUser("owner@example.com", Password).RunAsync([.. status, "-v"]);

        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Equal(quiet.Out, verbose.Out);
        Assert.Empty(quiet.Error);
        var lines = verbose.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith($"info: Kiwigrid.Client.", StringComparison.Ordinal) && line.Contains($"{cloud}: logged in", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("debug: ", StringComparison.Ordinal) && line.Contains("answered in", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, verbose.Error, StringComparison.Ordinal);
    }
}
