using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spectre.Console.Testing;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>The README's main command: <c>kiwigrid demo</c> on the embedded emulator.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class DemoTests
{
    private static void AssertShowsTheHome(string output)
    {
        Assert.Contains("Kiwigrid emulator listening on http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("demo@example.com", output, StringComparison.Ordinal);
        Assert.Matches(@"PV\s+\d[\d.]* k?W produced", output);
        Assert.Matches(@"House\s+\d[\d.]* k?W consumed", output);
        Assert.Matches(@"Battery\s+[#\-█░]{20} \d+ %", output);
        Assert.Matches(@"Grid\s+(importing|exporting|balanced)", output);
    }

    [Fact]
    public async Task Demo_once_logs_in_and_shows_pv_house_battery_and_grid()
    {
        var outcome = await new CliRun().RunAsync("demo", "--once");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        AssertShowsTheHome(outcome.Out);
        // The emulator stops with the snapshot: no command is offered to run against it.
        Assert.DoesNotContain("--server", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("for one snapshot", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_offers_a_command_against_its_emulator_in_lines_that_fit_80_columns()
    {
        var cli = new CliRun();
        var outcome = await cli.RunAsync("demo", "--count", "1", "--interval", "5");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var welcome = outcome.Out[..outcome.Out.IndexOf("\n\n", StringComparison.Ordinal)].Split('\n');
        Assert.All(welcome, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.Contains(welcome, line => line.TrimStart().StartsWith("export KIWIGRID_USERNAME=demo@example.com KIWIGRID_PASSWORD=demo", StringComparison.Ordinal));
        Assert.Contains(welcome, line => line.TrimStart().StartsWith("--server http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_on_a_terminal_refreshes_the_live_view_in_place()
    {
        var clock = new PumpedClock(DateTimeOffset.UtcNow);
        var cli = new CliRun { TimeProvider = clock };
        cli.Out.Interactive();
        cli.Out.EmitAnsiSequences = true;

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync("demo", "--count", "3", "--interval", "5").WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        // Spectre's live display redraws by moving the cursor up over the previous frame.
        Assert.Contains("\u001b[", outcome.Out, StringComparison.Ordinal);
        Assert.True(Regex.Count(outcome.Out, "produced") >= 3, "every snapshot is drawn");
    }

    [Fact]
    public async Task Demo_once_json_prints_only_json_on_stdout()
    {
        var outcome = await new CliRun().RunAsync("demo", "--once", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.True(json.RootElement.GetProperty("pvPowerW").GetDouble() > 0, "a June morning produces PV power");
        Assert.InRange(json.RootElement.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(), 0, 100);
        Assert.Contains("listening on", outcome.Error, StringComparison.Ordinal);
    }

    private static Process StartCli(params string[] args)
    {
        // …/tests/Kiwigrid.Cli.Tests/bin/<configuration>/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Kiwigrid.Cli", "bin", configuration, "net10.0", "kiwigrid.dll");
        Assert.True(File.Exists(dll), dll + " is built with the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task Demo_once_runs_as_a_real_process()
    {
        using var process = StartCli("demo", "--once");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        AssertShowsTheHome(await stdout);
    }

    [Fact]
    public async Task Demo_as_a_real_process_stops_on_sigterm_with_exit_130()
    {
        // SIGTERM, not SIGINT: a process started from a non-interactive shell (as test hosts often are) inherits
        // SIGINT ignored, as POSIX prescribes for background jobs; a terminal's Ctrl+C reaches the same handler.
        using var process = StartCli("demo", "--interval", "5");
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.Contains("demo user", StringComparison.Ordinal));

        Assert.NotNull(line);
        var stdout = process.StandardOutput.ReadToEndAsync();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        using var prompt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(prompt.Token);
        await stdout;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await stderr}");
        Assert.DoesNotContain("Exception", await stderr, StringComparison.Ordinal);
    }
}
