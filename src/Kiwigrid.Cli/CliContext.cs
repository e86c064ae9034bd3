using Kiwigrid.Cli.Output;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Cli;

/// <summary>What a command sees of the outside world: the console, the environment and the clock.</summary>
/// <param name="Console">Where output, errors and prompts go.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable (tests pass their own).</param>
/// <param name="TimeProvider">The clock for timestamps and refresh intervals.</param>
internal sealed record CliContext(CliConsole Console, Func<string, string?> GetEnvironmentVariable, TimeProvider TimeProvider)
{
    /// <summary>Where the library's sources log: nowhere, unless <c>--verbose</c> sends it to stderr.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The names of the environment variables that are set (serve refuses a <c>KIWIGRID__</c> one it does not know).</summary>
    public Func<IEnumerable<string>> EnvironmentVariableNames { get; init; } = () => [];

    /// <summary>The real process: its console, its environment, the system clock.</summary>
    public static CliContext ForProcess() =>
        new(CliConsole.ForProcess(), Environment.GetEnvironmentVariable, TimeProvider.System)
        {
            EnvironmentVariableNames = () => Environment.GetEnvironmentVariables().Keys.Cast<string>(),
        };
}
