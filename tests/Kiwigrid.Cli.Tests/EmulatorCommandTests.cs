using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kiwigrid.Cli.Tests;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task The_standalone_emulator_serves_the_simulated_home_to_the_other_commands_until_interrupted()
    {
        var emulatorCli = new CliRun();
        using var stop = new CancellationTokenSource();
        var running = emulatorCli.RunAsync(stop.Token, "emulator", "--urls", "http://127.0.0.1:0", "--user", "eve@example.com:pw-eve");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Match address;
        while (!(address = Regex.Match(emulatorCli.Out.Output, @"Kiwigrid emulator on (http://127\.0\.0\.1:\d+/)")).Success)
        {
            Assert.False(running.IsCompleted, "the emulator ended early: " + (running.IsCompleted ? await running : null));
            Assert.True(DateTime.UtcNow < deadline, "the emulator did not print its address");
            await Task.Delay(20);
        }

        var devices = await new CliRun().WithDemoUser("eve@example.com", "pw-eve").RunAsync("devices", "--server", address.Groups[1].Value, "--json");
        await stop.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(devices.ExitCode == 0, devices.ToString());
        using (var listed = JsonDocument.Parse(devices.Out))
        {
            Assert.Contains(listed.RootElement.EnumerateArray(), d => d.GetProperty("kind").GetString() == "Location");
            Assert.Contains(listed.RootElement.EnumerateArray(), d => d.GetProperty("kind").GetString() == "Battery");
        }

        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("eve@example.com", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dump_is_a_usage_error()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--site", "/no/such/dump.json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("/no/such/dump.json", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_emulator_option_is_a_usage_error()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--dialect", "vertx9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--dialect", outcome.Error, StringComparison.Ordinal);
    }
}
