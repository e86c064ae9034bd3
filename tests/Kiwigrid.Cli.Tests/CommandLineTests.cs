using Kiwigrid.Testing;

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

    [Theory]
    [InlineData("--interval", "watch", "--interval", "abc")]
    [InlineData("--interval", "watch", "--interval", "1")]
    [InlineData("--interval", "serve", "--interval", "99999999999")]
    [InlineData("--interval", "demo", "--interval", "4.5")]
    [InlineData("--count", "watch", "--count", "-1")]
    [InlineData("--count", "export", "--watch", "--count", "many")]
    [InlineData("--count", "demo", "--count", "0")]
    [InlineData("--speed", "demo", "--speed", "abc")]
    [InlineData("--speed", "demo", "--speed", "0")]
    [InlineData("--start", "demo", "--start", "yesterday")]
    [InlineData("--seed", "demo", "--seed", "x")]
    [InlineData("--format", "export", "--format", "xml")]
    [InlineData("--seed", "emulator", "--seed", "1.5")]
    [InlineData("--speed", "emulator", "--speed", "-1")]
    [InlineData("--heartbeat", "emulator", "--heartbeat", "soon")]
    [InlineData("--token-lifetime", "emulator", "--token-lifetime", "1e300")]
    [InlineData("--start", "emulator", "--start", "noon")]
    [InlineData("--urls", "emulator", "--urls", "localhost:8080")]
    [InlineData("--interval", "watch", "--interval", "5", "--interval", "6")]
    [InlineData("--interval", "watch", "--interval")]
    public async Task A_bad_option_value_is_one_sentence_naming_the_option_and_exits_2(string option, params string[] args)
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync(args);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Empty(outcome.Out);
        var line = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith($"kiwigrid: {option} ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot parse", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--count", "-1", "--count takes a whole number of at least 1, not '-1'")]
    [InlineData("--interval", "abc", "--interval takes a whole number of seconds from 5 to 86400, not 'abc'")]
    public async Task A_value_out_of_range_names_the_accepted_range(string option, string value, string sentence)
    {
        var outcome = await new CliRun().RunAsync("watch", option, value, "--local", "http://127.0.0.1:9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(sentence, outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stauts", "'stauts' is not a kiwigrid command (did you mean 'status'?)")]
    [InlineData("devcies", "(did you mean 'devices'?)")]
    [InlineData("histroy", "(did you mean 'history'?)")]
    [InlineData("frobnicate", "'frobnicate' is not a kiwigrid command; run 'kiwigrid --help' for the list.")]
    public async Task A_mistyped_command_is_named_unknown_with_the_nearest_one(string typed, string sentence)
    {
        var outcome = await new CliRun().RunAsync(typed);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(sentence, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_option_is_named_with_the_nearest_one_of_that_command()
    {
        var outcome = await new CliRun().RunAsync("status", "--jsno");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("kiwigrid status has no option --jsno (did you mean '--json'?)", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "--password-stdin", "hunter2-secret")]
    [InlineData("status", "--password=hunter2-secret")]
    [InlineData("tags", "battery", "hunter2-secret")]
    public async Task A_stray_argument_or_option_value_is_not_repeated_since_it_may_be_a_password(params string[] args)
    {
        var outcome = await new CliRun().RunAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.DoesNotContain("hunter2", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_help_lists_its_options_like_every_other_command()
    {
        var outcome = await new CliRun().RunAsync("emulator", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--users-file <path>", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("--dialect <vertx2|vertx3>", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("additional arguments", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("usage: Kiwigrid.Emulator", outcome.Out, StringComparison.Ordinal);
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

        var outcome = await run.RunAsync("status", "--cloud", "legacy", "--server", "http://127.0.0.1:9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("KIWIGRID_PASSWORD", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_4()
    {
        // Port 9 (discard) is closed on loopback: the login's first request is refused.
        var outcome = await new CliRun().WithDemoUser().RunAsync("status", "--cloud", "legacy", "--server", "http://127.0.0.1:9");

        Assert.Equal(4, outcome.ExitCode);
        Assert.StartsWith("kiwigrid: ", outcome.Error, StringComparison.Ordinal);
        // Said in words, not as the name of .NET's HttpRequestError member.
        Assert.Contains("the connection was refused or dropped", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionError", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_no_Kiwigrid_portal_is_not_reported_as_a_wrong_password()
    {
        // Any web server without the portal's login answers POST /login with 404 (python3 -m http.server: 501).
        await using var notAPortal = await DeviceListServer.StartAsync([]);

        var outcome = await new CliRun().WithDemoUser().RunAsync("status", "--cloud", "legacy", "--server", notAPortal.BaseUri.ToString());

        Assert.True(outcome.ExitCode == 5, outcome.ToString());
        var line = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.Contains("answered HTTP 404, which is not a Kiwigrid portal's answer", line, StringComparison.Ordinal);
        Assert.Contains("check that the URL points at a Kiwigrid server", line, StringComparison.Ordinal);
        Assert.DoesNotContain("password", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_refuses_csv_without_watch()
    {
        var outcome = await new CliRun().RunAsync("export", "--format", "csv", "--local", "http://127.0.0.1:9");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--watch", outcome.Error, StringComparison.Ordinal);
    }
}
