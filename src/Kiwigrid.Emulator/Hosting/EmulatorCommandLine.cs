using System.CommandLine;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// What the emulator's command line says, read by <see cref="EmulatorCommandOptions"/>: the emulator's options, the
/// simulation settings, and whether the demo account stays (no account was given).
/// </summary>
internal sealed record EmulatorCommandLine(EmulatorOptions Options, SimulationSettings Simulation, bool HasDemoAccount)
{
    /// <summary>
    /// Parses the arguments as the standalone emulator does, reading users files, <paramref name="environment"/> and
    /// (for <c>--password-stdin</c>) <paramref name="standardInput"/>; throws <see cref="FormatException"/> with a
    /// one-sentence message on bad input.
    /// </summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment, TextReader standardInput)
    {
        var options = new EmulatorCommandOptions();
        var root = new RootCommand();
        options.AddTo(root);
        var parseResult = root.Parse(args);
        return parseResult.Errors.Count > 0
            ? throw new FormatException(UsageError.Describe(parseResult, EmulatorCommandOptions.ProgramName))
            : options.Read(parseResult, environment, standardInput);
    }

    /// <summary>
    /// The banner's account part: the demo account with its password (it is public), configured accounts by name
    /// only, since their passwords are secrets and the banner often ends up in a log.
    /// </summary>
    public string DescribeAccounts() => HasDemoAccount
        ? $"user {EmulatorOptions.DemoUserName}  password {EmulatorOptions.DemoPassword}"
        : $"users {string.Join(", ", Options.Users.Keys)} (passwords as configured)";
}
