using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve.Configuration;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Configuration;

/// <summary>
/// <c>kiwigrid serve --config</c>: the file, the <c>KIWIGRID__…</c> variables and the flags become one command line,
/// in that order of precedence; what is refused is refused at start in one sentence with exit code 2.
/// </summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (string[] Args, CliContext Context) Apply(Dictionary<string, string> environment, params string[] args)
    {
        var context = new CliContext(new CliConsole(new TestConsole(), new TestConsole(), TextReader.Null, isInteractive: false), name => environment.GetValueOrDefault(name), TimeProvider.System)
        {
            EnvironmentVariableNames = () => environment.Keys,
        };
        return ServeConfiguration.Apply(args, context);
    }

    private static string? Flag(string[] args, string flag)
    {
        var at = Array.LastIndexOf(args, flag);
        return at < 0 ? null : args[at + 1];
    }

    [Fact]
    public void The_environment_overrides_the_file_and_typed_flags_override_both()
    {
        var config = _folder.Write("kiwigrid.json", """{ "interval": 30, "urls": "http://127.0.0.1:9000", "mqtt": { "broker": "mqtt://127.0.0.1:1883", "topicPrefix": "home" } }""");
        var environment = new Dictionary<string, string> { ["KIWIGRID__INTERVAL"] = "20", ["KIWIGRID__MQTT__TOPICPREFIX"] = "house" };

        var (fromFileAndEnvironment, _) = Apply(environment, "serve", "--config", config);
        var (typed, _) = Apply(environment, "serve", "--config", config, "--interval", "7", "--urls=http://127.0.0.1:0");

        Assert.Equal("20", Flag(fromFileAndEnvironment, "--interval"));
        Assert.Equal("http://127.0.0.1:9000", Flag(fromFileAndEnvironment, "--urls"));
        Assert.Equal("house", Flag(fromFileAndEnvironment, "--mqtt-topic-prefix"));
        Assert.Equal("mqtt://127.0.0.1:1883", Flag(fromFileAndEnvironment, "--mqtt"));
        Assert.Equal("7", Flag(typed, "--interval"));
        Assert.Single(typed, a => a == "--interval");
        Assert.DoesNotContain("--urls", typed);
    }

    [Theory]
    [InlineData("KIWIGRID__INTERVALL")]
    [InlineData("KIWIGRID__MQTT__BROKR")]
    [InlineData("KIWIGRID__ALLOWORIGIN__X")]
    [InlineData("KIWIGRID__INTERVAL__0")]
    public void A_mistyped_kiwigrid_variable_is_refused_in_one_sentence_naming_it(string variable)
    {
        var environment = new Dictionary<string, string> { ["KIWIGRID__INTERVAL"] = "20", [variable] = "1", ["KIWIGRID_USERNAME"] = "someone" };

        var error = Assert.Throws<CliUsageException>(() => Apply(environment, "serve"));

        Assert.StartsWith($"The environment variable {variable} is no serve setting;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kiwigrid_variables_only_matter_to_serve()
    {
        var environment = new Dictionary<string, string> { ["KIWIGRID__INTERVALL"] = "20" };

        var (args, _) = Apply(environment, "status");

        Assert.Equal(["status"], args);
    }

    [Fact]
    public void Without_a_file_the_environment_alone_configures_serve()
    {
        var environment = new Dictionary<string, string>
        {
            ["KIWIGRID__CLASSICAPI"] = "true",
            ["KIWIGRID__ALLOWORIGIN__0"] = "https://a.example",
            ["KIWIGRID__ALLOWORIGIN__1"] = "https://b.example",
        };

        var (args, _) = Apply(environment, "serve");

        Assert.Equal(["serve", "--allow-origin", "https://a.example", "--allow-origin", "https://b.example", "--classic-api", "true"], args);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_in_one_sentence_naming_it()
    {
        var config = _folder.Write("kiwigrid.json", """{ "mqtt": { "brokr": "mqtt://127.0.0.1:1883" } }""");

        var outcome = await new CliRun().RunAsync("serve", "--config", config);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal($"kiwigrid: The config file {config} has an unknown key 'mqtt.brokr'; the mqtt section takes broker, topicPrefix, discoveryPrefix, caFile, userName, password, passwordFile.", outcome.Error.Trim());
    }

    [Fact]
    public async Task A_bad_value_names_the_key_or_the_variable_and_what_it_takes()
    {
        var config = _folder.Write("kiwigrid.json", """{ "interval": "soon" }""");
        var fromFile = await new CliRun().RunAsync("serve", "--config", config);
        var fromEnvironment = await new CliRun { Environment = { ["KIWIGRID__CLASSICAPI"] = "yes" } }.RunAsync("serve");

        Assert.Equal(ExitCodes.Usage, fromFile.ExitCode);
        Assert.Equal($"kiwigrid: 'interval' in {config} takes a whole number of 1 or more, not 'soon'.", fromFile.Error.Trim());
        Assert.Equal(ExitCodes.Usage, fromEnvironment.ExitCode);
        Assert.Equal("kiwigrid: KIWIGRID__CLASSICAPI takes true or false, not 'yes'.", fromEnvironment.Error.Trim());
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_refused_with_its_line()
    {
        var config = _folder.Write("kiwigrid.json", "{\n  \"interval\": 10,\n  urls: 1\n}");

        var outcome = await new CliRun().RunAsync("serve", "--config", config);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal($"kiwigrid: The config file {config} is not a valid JSON object at line 3; fix it and start again.", outcome.Error.Trim());
    }

    [Fact]
    public async Task An_inline_password_in_a_file_others_may_read_is_refused_without_showing_it()
    {
        var config = _folder.Write("kiwigrid.json", """{ "password": "hunter2-secret" }""", ConfigFolder.WorldReadable);

        var outcome = await new CliRun().RunAsync("serve", "--config", config);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal($"kiwigrid: The config file {config} holds a secret ('password') but others may read it; run chmod 600 {config}, or move the secret to 'passwordFile'.", outcome.Error.Trim());
        Assert.DoesNotContain("hunter2", outcome.Error + outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_password_in_a_file_only_its_owner_reads_reaches_the_login()
    {
        var config = _folder.Write("kiwigrid.json", """{ "password": "hunter2-secret", "mqtt": { "userName": "ha" } }""");

        var (args, context) = Apply([], "serve", "--config", config);

        Assert.Equal(["serve"], args);
        Assert.Equal("hunter2-secret", context.GetEnvironmentVariable("KIWIGRID_PASSWORD"));
        Assert.Equal("ha", context.GetEnvironmentVariable("KIWIGRID_MQTT_USERNAME"));
    }

    [Fact]
    public async Task A_secret_file_others_may_read_is_refused()
    {
        var secret = _folder.Write("mqtt-password", "broker-secret\n", ConfigFolder.WorldReadable);
        var config = _folder.Write("kiwigrid.json", $$"""{ "mqtt": { "broker": "mqtt://127.0.0.1:1883", "passwordFile": "{{secret}}" } }""");

        var outcome = await new CliRun().RunAsync("serve", "--config", config);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal($"kiwigrid: The secret file {secret} ('mqtt.passwordFile') may be read by others; run chmod 600 {secret}.", outcome.Error.Trim());
        Assert.DoesNotContain("broker-secret", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_secret_files_are_systemd_credentials_when_CREDENTIALS_DIRECTORY_is_set()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_folder.Path, "credentials")).FullName;
        File.WriteAllText(Path.Combine(credentials, "password"), "portal-secret\n");
        File.WriteAllText(Path.Combine(credentials, "access-tokens"), "wall:0123456789abcdef0123\n");
        var config = _folder.Write("kiwigrid.json", """{ "passwordFile": "password", "accessTokenFile": "access-tokens" }""");

        var (args, context) = Apply(new() { ["CREDENTIALS_DIRECTORY"] = credentials }, "serve", "--config", config);

        Assert.Equal("portal-secret", context.GetEnvironmentVariable("KIWIGRID_PASSWORD"));
        Assert.Equal(Path.Combine(credentials, "access-tokens"), Flag(args, "--access-token-file"));
    }

    [Fact]
    public void Both_a_password_and_a_password_file_are_refused()
    {
        var secret = _folder.Write("password", "a");
        var config = _folder.Write("kiwigrid.json", $$"""{ "password": "b", "passwordFile": "{{secret}}" }""");

        var refused = Assert.Throws<CliUsageException>(() => Apply([], "serve", "--config", config));

        Assert.Equal("Serve's configuration gives both 'password' and 'passwordFile'; keep one of them.", refused.Message);
    }
}
