namespace Kiwigrid.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var outcome = await new CliRun().RunAsync("--help");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var command in new[] { "demo", "status", "devices", "tags", "get", "watch", "export", "emulator" })
        {
            Assert.Contains(command, outcome.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes:", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("3    login failed", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("130  interrupted", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("status", "--no-such-option")]
    [InlineData("tags")]
    [InlineData("watch", "--interval", "1")]
    public async Task A_malformed_command_line_exits_2_with_one_sentence_on_stderr(params string[] args)
    {
        var outcome = await new CliRun().RunAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Out);
        Assert.StartsWith("kiwigrid: ", outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task There_is_no_password_option()
    {
        var outcome = await new CliRun().RunAsync("status", "--password", "secret");

        Assert.Equal(2, outcome.ExitCode);
    }

    [Theory]
    [InlineData("status", "--server", "not a url")]
    [InlineData("status", "--server", "ftp://127.0.0.1")]
    [InlineData("devices", "--local", "http://127.0.0.1:1", "--server", "http://127.0.0.1:2")]
    public async Task A_bad_server_address_exits_2_and_says_which_option(params string[] args)
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--server", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_password_and_without_a_terminal_the_command_says_how_to_give_one()
    {
        var run = new CliRun();
        run.Environment["KIWIGRID_USERNAME"] = "someone@example.com";

        var outcome = await run.RunAsync("status", "--server", "http://127.0.0.1:9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("KIWIGRID_PASSWORD", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_4()
    {
        // Port 9 (discard) is closed on loopback: the login's first request is refused.
        var outcome = await new CliRun().WithDemoUser().RunAsync("status", "--server", "http://127.0.0.1:9");

        Assert.Equal(4, outcome.ExitCode);
        Assert.StartsWith("kiwigrid: ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_refuses_csv_without_watch()
    {
        var outcome = await new CliRun().RunAsync("export", "--format", "csv", "--local", "http://127.0.0.1:9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--watch", outcome.Error, StringComparison.Ordinal);
    }
}
