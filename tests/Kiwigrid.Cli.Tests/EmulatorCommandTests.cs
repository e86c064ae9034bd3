using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kiwigrid.Cli.Tests;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task The_standalone_emulator_serves_the_accounts_of_a_users_file_to_the_other_commands_until_interrupted()
    {
        var folder = Directory.CreateTempSubdirectory("kiwigrid-cli-tests-");
        var usersFile = Path.Combine(folder.FullName, "users.txt");
        await File.WriteAllTextAsync(usersFile, "# emulator accounts\neve@example.com:pw:eve\n");

        var emulatorCli = new CliRun();
        using var stop = new CancellationTokenSource();
        var running = emulatorCli.RunAsync(stop.Token, "emulator", "--urls", "http://127.0.0.1:0", "--users-file", usersFile);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Match address;
        while (!(address = Regex.Match(emulatorCli.Out.Output, @"Kiwigrid emulator on (http://127\.0\.0\.1:\d+/)")).Success)
        {
            Assert.False(running.IsCompleted, "the emulator ended early: " + (running.IsCompleted ? await running : null));
            Assert.True(DateTime.UtcNow < deadline, "the emulator did not print its address");
            await Task.Delay(20);
        }

        // The accounts are read once at startup; the file need not outlive it.
        folder.Delete(recursive: true);
        var devices = await new CliRun().WithDemoUser("eve@example.com", "pw:eve").RunAsync("devices", "--cloud", "legacy", "--server", address.Groups[1].Value, "--json");

        // Today's cloud, the default: on the one origin, and on the per-host origins the banner prints.
        string Host(string label) => Regex.Match(emulatorCli.Out.Output, $@"\n\s+{label}\s+(http://\S+)").Groups[1].Value;
        var onServer = await new CliRun().WithDemoUser("eve@example.com", "pw:eve").RunAsync("status", "--server", address.Groups[1].Value);
        var perHost = await new CliRun().WithDemoUser("eve@example.com", "pw:eve").RunAsync(
            "status", "--cloud", "hems", "--oneid-url", Host("realm"), "--portal-url", Host("portal"), "--hems-url", Host("HEMS API"));
        await stop.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(devices.ExitCode == 0, devices.ToString());
        using (var listed = JsonDocument.Parse(devices.Out))
        {
            Assert.Contains(listed.RootElement.EnumerateArray(), d => d.GetProperty("kind").GetString() == "Location");
            Assert.Contains(listed.RootElement.EnumerateArray(), d => d.GetProperty("kind").GetString() == "Battery");
        }

        Assert.True(onServer.ExitCode == 0 && onServer.Out.Contains("produced", StringComparison.Ordinal), onServer.ToString());
        Assert.True(perHost.ExitCode == 0 && perHost.Out.Contains("produced", StringComparison.Ordinal), perHost.ToString());
        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("users eve@example.com (passwords as configured)", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pw:eve", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_in_the_emulator_user_option_is_refused_without_echoing_it()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--user", "eve@example.com:hunter2-secret");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--users-file", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_accounts_come_from_the_commands_environment_and_standard_input()
    {
        var badEnvironment = new CliRun();
        badEnvironment.Environment["KIWIGRID_EMULATOR_USERS"] = "hunter2-secret";
        var noStdin = new CliRun { StandardInput = "" };

        var fromEnvironment = await badEnvironment.RunAsync("emulator");
        var fromStdin = await noStdin.RunAsync("emulator", "--user", "eve@example.com", "--password-stdin");

        Assert.Equal(2, fromEnvironment.ExitCode);
        Assert.Contains("entry 1 of the environment variable KIWIGRID_EMULATOR_USERS", fromEnvironment.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", fromEnvironment.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, fromStdin.ExitCode);
        Assert.Contains("standard input", fromStdin.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dump_is_a_usage_error()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--site", "/no/such/dump.json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("/no/such/dump.json", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{bad", "is not valid JSON")]
    [InlineData("{\"result\":{}}", "is not a device dump")]
    public async Task A_file_that_is_no_device_dump_is_one_sentence_and_exit_2(string content, string reason)
    {
        var dump = Path.Combine(Path.GetTempPath(), "kiwigrid-not-a-dump-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(dump, content);
        try
        {
            var outcome = await new CliRun().RunAsync("emulator", "--site", dump, "--urls", "http://127.0.0.1:0");

            Assert.True(outcome.ExitCode == 2, outcome.ToString());
            var line = Assert.Single(outcome.Error.Trim().Split('\n'));
            Assert.StartsWith("kiwigrid: --site takes a device dump such as a wizard-devices JSON file (", line, StringComparison.Ordinal);
            Assert.Contains(reason, line, StringComparison.Ordinal);
            Assert.DoesNotContain("report this", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    [Fact]
    public async Task A_busy_port_is_one_sentence_and_exit_2()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var outcome = await new CliRun().RunAsync("emulator", "--urls", $"http://127.0.0.1:{port}");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        var line = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith("kiwigrid: --urls cannot be bound", line, StringComparison.Ordinal);
        Assert.Contains("pick another port", line, StringComparison.Ordinal);
        Assert.DoesNotContain("report this", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_emulator_option_is_a_usage_error()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--dialect", "vertx9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--dialect", outcome.Error, StringComparison.Ordinal);
    }
}
