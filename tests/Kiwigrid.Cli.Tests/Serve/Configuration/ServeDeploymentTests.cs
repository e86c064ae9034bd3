using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve.Configuration;
using Kiwigrid.Testing;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Configuration;

/// <summary>What a home-server owner copies: the sample config (in deploy/ and in the README) and the systemd unit.</summary>
public sealed class ServeDeploymentTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Sample => File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "kiwigrid.json"));

    /// <summary>The JSON block of the README's "Run it at home" section.</summary>
    private static string ReadmeSample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Run it at home", StringComparison.Ordinal)..];
        return Regex.Match(section, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
    }

    private static void AssertValidConfig(string json)
    {
        var results = Evaluate(json);
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(results.IsValid, string.Join('\n', errors));
    }

    private static EvaluationResults Evaluate(string json)
    {
        var schema = JsonSchema.FromText(
            File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "schema", "serve-config.schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    [Fact]
    public void The_sample_configs_are_valid_against_the_schema()
    {
        AssertValidConfig(Sample);
        AssertValidConfig(ReadmeSample());
    }

    [Fact]
    public void The_schema_refuses_a_key_serve_does_not_know()
    {
        var sample = JsonNode.Parse(Sample)!.AsObject();
        sample["intervall"] = 10;

        Assert.False(Evaluate(sample.ToJsonString()).IsValid);
    }

    [Fact]
    public void Serve_accepts_the_sample_config_with_the_units_credentials()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_folder.Path, "credentials")).FullName;
        File.WriteAllText(Path.Combine(credentials, "password"), "portal-secret\n");
        File.WriteAllText(Path.Combine(credentials, "access-tokens"), "wall:0123456789abcdef0123\n");
        var config = _folder.Write("kiwigrid.json", Sample);
        var environment = new Dictionary<string, string> { ["CREDENTIALS_DIRECTORY"] = credentials };
        var context = new CliContext(new CliConsole(new TestConsole(), new TestConsole(), TextReader.Null, isInteractive: false), name => environment.GetValueOrDefault(name), TimeProvider.System);

        var (args, configured) = ServeConfiguration.Apply(["serve", "--config", config], context);

        Assert.Equal("portal-secret", configured.GetEnvironmentVariable("KIWIGRID_PASSWORD"));
        Assert.Contains("--state-dir", args);
        Assert.Contains(Path.Combine(credentials, "access-tokens"), args);
        Assert.Empty(KiwigridCli.CreateRootCommand(configured).Parse(args).Errors);
    }

    /// <summary>
    /// systemd-analyze verify checks that ExecStart's binary exists and is executable, so the test verifies a copy
    /// of the unit whose ExecStart points at a stand-in script; everything else is the unit as shipped.
    /// </summary>
    [Fact]
    [Trait(TestCategory.Name, TestCategory.Systemd)]
    public async Task The_systemd_unit_verifies_without_a_warning()
    {
        var analyze = await DebianPackage.EnsureAsync("/usr/bin/systemd-analyze", "systemd");
        var unit = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "systemd", "kiwigrid.service"));
        Assert.Contains("ExecStart=/usr/local/bin/kiwigrid serve --config /etc/kiwigrid/kiwigrid.json", unit, StringComparison.Ordinal);
        var binary = _folder.Write("kiwigrid", "#!/bin/sh\nexit 0\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var copy = _folder.Write("kiwigrid.service", unit.Replace("/usr/local/bin/kiwigrid", binary, StringComparison.Ordinal));

        var start = new ProcessStartInfo(analyze) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(copy);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Unknown or misspelt directives are only warnings: an empty stderr is the real check.
        Assert.True(process.ExitCode == 0 && (await errors).Length == 0, $"exit {process.ExitCode}: {await errors}{output}");
    }
}
