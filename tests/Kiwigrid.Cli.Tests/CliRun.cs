using Kiwigrid.Cli.Output;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>What one in-process run of <c>kiwigrid</c> printed and returned.</summary>
internal sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the CLI's real command tree in-process, with Spectre test consoles and a given environment.</summary>
internal sealed class CliRun
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string StandardInput { get; init; } = string.Empty;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TestConsole Out { get; } = new TestConsole().Width(250);

    public TestConsole Error { get; } = new TestConsole().Width(250);

    public bool Interactive { get; init; }

    public CliRun WithDemoUser(string user = "demo@example.com", string password = "demo")
    {
        Environment["KIWIGRID_USERNAME"] = user;
        Environment["KIWIGRID_PASSWORD"] = password;
        return this;
    }

    public async Task<CliOutcome> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var console = new CliConsole(Out, Error, new StringReader(StandardInput), Interactive);
        var context = new CliContext(console, name => Environment.GetValueOrDefault(name), TimeProvider) { EnvironmentVariableNames = () => Environment.Keys };
        var exitCode = await KiwigridCli.RunAsync(args, context, cancellationToken);
        return new CliOutcome(exitCode, Out.Output, Error.Output);
    }

    public Task<CliOutcome> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);
}
