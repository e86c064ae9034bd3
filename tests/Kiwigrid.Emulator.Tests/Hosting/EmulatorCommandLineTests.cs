using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Hosting;

public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Options_are_read_from_the_command_line()
    {
        var parsed = Parse(
            "--urls", "http://127.0.0.1:8080", "--token-lifetime", "00:05:00",
            "--heartbeat", "5", "--ping-timeout", "2.5", "--dialect", "vertx3", "--seed", "7", "--speed", "60");

        Assert.Equal(["http://127.0.0.1:8080"], parsed.Options.Urls);
        Assert.Equal(TimeSpan.FromMinutes(5), parsed.Options.TokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.Options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2.5), parsed.Options.PingTimeout);
        Assert.Equal(EventBusDialect.VertX3, parsed.Options.Dialect);
        Assert.Equal(7, parsed.Simulation.Seed);
        Assert.Equal(60, parsed.Simulation.Speed);
    }

    [Fact]
    public void Plug_gives_the_simulated_home_a_smart_plug_to_switch()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero));

        var with = (Kiwigrid.Emulator.Sites.SimulatedSite)Parse("--plug").Options.SiteFactory(clock);
        var without = (Kiwigrid.Emulator.Sites.SimulatedSite)Parse().Options.SiteFactory(clock);

        Assert.Equal("ON", with.Devices.GetValue(with.PlugGuid!, "ModeRelay")!.GetValue<string>());
        Assert.Null(without.PlugGuid);
    }

    [Fact]
    public void Without_accounts_the_demo_account_stays_and_its_public_password_is_shown()
    {
        var parsed = Parse("--urls", "http://127.0.0.1:8080");

        Assert.True(parsed.HasDemoAccount);
        Assert.Equal(EmulatorOptions.Default.Users, parsed.Options.Users);
        Assert.Equal(EmulatorOptions.DemoPassword, parsed.Options.Users[EmulatorOptions.DemoUserName]);
        Assert.Equal("user demo@example.com  password demo", parsed.DescribeAccounts());
    }

    [Fact]
    public void A_users_file_gives_one_account_per_line_split_at_the_first_colon()
    {
        using var file = new TemporaryFile(
            "# emulator accounts\r\n\r\nann@example.com:pa:ss\r\n   \n  # indented comment\n bob@example.com : b#ob \n");

        var parsed = Parse("--users-file", file.Path);

        Assert.False(parsed.HasDemoAccount);
        Assert.Equal(["ann@example.com", "bob@example.com"], parsed.Options.Users.Keys);
        Assert.Equal("pa:ss", parsed.Options.Users["ann@example.com"]);
        Assert.Equal("b#ob", parsed.Options.Users["bob@example.com"]);
        Assert.DoesNotContain(EmulatorOptions.DemoUserName, parsed.Options.Users.Keys);
    }

    [Fact]
    public void Users_files_repeat_and_combine_with_the_environment_and_one_named_user()
    {
        using var first = new TemporaryFile("ann@example.com:pw-ann\n");
        using var second = new TemporaryFile("bob@example.com:pw-bob\n");
        var environment = new Dictionary<string, string>
        {
            [EmulatorAccounts.UsersVariable] = "cid@example.com:pw-cid",
            [EmulatorAccounts.PasswordVariable] = "pw-dan",
        };

        var parsed = EmulatorCommandLine.Parse(
            ["--users-file", first.Path, "--user", "dan@example.com", "--users-file", second.Path], environment.GetValueOrDefault, TextReader.Null);

        Assert.Equal(["ann@example.com", "bob@example.com", "cid@example.com", "dan@example.com"], parsed.Options.Users.Keys);
        Assert.Equal("pw-dan", parsed.Options.Users["dan@example.com"]);
        var banner = parsed.DescribeAccounts();
        Assert.Contains("ann@example.com, bob@example.com, cid@example.com, dan@example.com", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_list_separates_accounts_by_newlines_or_semicolons()
    {
        var parsed = ParseWith(new() { [EmulatorAccounts.UsersVariable] = "ann@example.com:a:1;bob@example.com:b2\r\n cid@example.com:c3 ;\n" });

        Assert.Equal(["ann@example.com", "bob@example.com", "cid@example.com"], parsed.Options.Users.Keys);
        Assert.Equal("a:1", parsed.Options.Users["ann@example.com"]);
        Assert.Equal("c3", parsed.Options.Users["cid@example.com"]);
    }

    [Fact]
    public void A_blank_environment_list_leaves_the_demo_account()
    {
        var parsed = ParseWith(new() { [EmulatorAccounts.UsersVariable] = "  \n" });

        Assert.True(parsed.HasDemoAccount);
    }

    [Fact]
    public void A_named_user_reads_the_password_from_standard_input_before_the_environment()
    {
        var environment = new Dictionary<string, string> { [EmulatorAccounts.PasswordVariable] = "from-environment" };

        var fromStdin = EmulatorCommandLine.Parse(
            ["--user", "eve@example.com", "--password-stdin"], environment.GetValueOrDefault, new StringReader("s3:cret \r\nignored\n"));
        var fromEnvironment = EmulatorCommandLine.Parse(["--user", "eve@example.com"], environment.GetValueOrDefault, TextReader.Null);

        Assert.Equal("s3:cret ", Assert.Single(fromStdin.Options.Users, u => u.Key == "eve@example.com").Value);
        Assert.Single(fromStdin.Options.Users);
        Assert.Equal("from-environment", fromEnvironment.Options.Users["eve@example.com"]);
    }

    [Theory]
    [InlineData("eve@example.com:hunter2-secret")]
    [InlineData(":hunter2-secret")]
    [InlineData("eve@example.com:hunter2-secret:more")]
    public void A_password_on_the_command_line_is_refused_without_echoing_it(string value)
    {
        var error = Assert.Throws<FormatException>(() => Parse("--user", value));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("--users-file", error.Message, StringComparison.Ordinal);
        Assert.Contains(EmulatorAccounts.UsersVariable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ann@example.com:ok\n\nhunter2-secret\n", 3)]
    [InlineData("# c\nann@example.com:ok\n:hunter2-secret\n", 3)]
    [InlineData("bob@example.com:\n", 1)]
    [InlineData("ann@example.com:hunter2-secret\nann@example.com:hunter2-again\n", 2)]
    public void A_bad_users_file_line_is_named_by_file_and_number_and_never_quoted(string text, int lineNumber)
    {
        using var file = new TemporaryFile(text);

        var error = Assert.Throws<FormatException>(() => Parse("--users-file", file.Path));

        Assert.Contains($"line {lineNumber} of the users file {file.Path}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_environment_entry_is_named_by_number_and_never_quoted()
    {
        var error = Assert.Throws<FormatException>(() => ParseWith(new() { [EmulatorAccounts.UsersVariable] = "ann@example.com:ok;hunter2-secret" }));

        Assert.Contains($"entry 2 of the environment variable {EmulatorAccounts.UsersVariable}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_in_a_file_and_in_the_environment_is_named_with_both_places()
    {
        using var file = new TemporaryFile("ann@example.com:hunter2-one\n");

        var error = Assert.Throws<FormatException>(() => EmulatorCommandLine.Parse(
            ["--users-file", file.Path],
            new Dictionary<string, string> { [EmulatorAccounts.UsersVariable] = "ann@example.com:hunter2-two" }.GetValueOrDefault,
            TextReader.Null));

        Assert.Contains("ann@example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1 of the users file", error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 1 of the environment variable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_users_file_a_folder_and_a_file_without_accounts_are_one_sentence_errors()
    {
        using var onlyComments = new TemporaryFile("# nobody yet\n\n");
        var missing = Path.Combine(Path.GetDirectoryName(onlyComments.Path)!, "no-such-users.txt");

        var notThere = Assert.Throws<FormatException>(() => Parse("--users-file", missing));
        var folder = Assert.Throws<FormatException>(() => Parse("--users-file", Path.GetDirectoryName(onlyComments.Path)!));
        var empty = Assert.Throws<FormatException>(() => Parse("--users-file", onlyComments.Path));

        Assert.Equal($"The users file {missing} does not exist.", notThere.Message);
        Assert.Contains("is a directory", folder.Message, StringComparison.Ordinal);
        Assert.Equal($"The users file {onlyComments.Path} holds no name:password line.", empty.Message);
    }

    [Theory]
    [InlineData(new[] { "--user", "eve@example.com" }, EmulatorAccounts.PasswordVariable)]
    [InlineData(new[] { "--password-stdin" }, "--user")]
    [InlineData(new[] { "--user", "eve@example.com", "--user", "ann@example.com" }, "--users-file")]
    [InlineData(new[] { "--user", "eve@example.com", "--password-stdin" }, "standard input")]
    [InlineData(new[] { "--users-file" }, "--users-file")]
    public void A_named_user_without_a_password_source_is_refused(string[] args, string named)
    {
        var error = Assert.Throws<FormatException>(() => Parse(args));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dialect", "vertx4", "--dialect")]
    [InlineData("--heartbeat", "-1", "--heartbeat")]
    [InlineData("--bogus", "1", "--bogus")]
    public void Bad_arguments_get_a_message_naming_the_option(string option, string value, string named)
    {
        var error = Assert.Throws<FormatException>(() => Parse(option, value));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_offer_no_password_option()
    {
        var command = new System.CommandLine.RootCommand();
        new EmulatorCommandOptions().AddTo(command);

        Assert.Contains(command.Options, o => o.Name == "--users-file");
        Assert.DoesNotContain(command.Options, o => o.Name.Contains("password", StringComparison.Ordinal) && o.Name != "--password-stdin");
        Assert.Contains(EmulatorAccounts.UsersVariable, EmulatorCommandOptions.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "1.5", "--seed takes a whole number, not '1.5'.")]
    [InlineData("--speed", "1e308", "--speed takes a number above 0 and up to 100000, not '1e308'.")]
    [InlineData("--heartbeat", "1e300", "--heartbeat takes a positive number of seconds or a time span such as 00:00:25, at most 01:00:00, not '1e300'.")]
    [InlineData("--start", "tomorrow", "--start takes a date and time from 1900 to 2100 such as 2025-06-21T10:00:00+02:00, not 'tomorrow'.")]
    [InlineData("--urls", "127.0.0.1:8080", "--urls takes http://host:port addresses separated by ';' such as http://127.0.0.1:8080, not '127.0.0.1:8080'.")]
    [InlineData("--dialect", "vertx4", "--dialect takes vertx2 or vertx3, not 'vertx4'.")]
    public void A_bad_value_is_one_sentence_naming_the_option_what_it_takes_and_what_it_got(string option, string value, string sentence)
    {
        var error = Assert.Throws<FormatException>(() => Parse(option, value));

        Assert.StartsWith(sentence.TrimEnd('.'), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    private static EmulatorCommandLine Parse(params string[] args) => EmulatorCommandLine.Parse(args, _ => null, TextReader.Null);

    private static EmulatorCommandLine ParseWith(Dictionary<string, string> environment) =>
        EmulatorCommandLine.Parse([], environment.GetValueOrDefault, TextReader.Null);
}
