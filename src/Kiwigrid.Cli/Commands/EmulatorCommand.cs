using System.CommandLine;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid emulator</c>: the emulator standalone, with exactly the options of <c>src/Kiwigrid.Emulator</c>
/// (<see cref="EmulatorCommandOptions"/>, which reads the accounts from users files, the environment and standard
/// input, never from an argument) serving the simulated home (or a replayed dump), until Ctrl+C.
/// </summary>
internal sealed class EmulatorCommand : KiwigridCommand
{
    private readonly EmulatorCommandOptions _options = new();

    public EmulatorCommand(CliContext context)
        : base("emulator", EmulatorCommandOptions.Description, context)
    {
        _options.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        EmulatorCommandLine commandLine;
        try
        {
            commandLine = _options.Read(parseResult, Context.GetEnvironmentVariable, Context.Console.Input);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (commandLine.Simulation.Site is { } dump && !File.Exists(dump))
        {
            throw new CliUsageException($"--site takes the path of a device dump such as a wizard-devices JSON file; '{dump}' does not exist.");
        }

        var options = commandLine.Options with { TimeProvider = Context.TimeProvider };
        KiwigridEmulator emulator;
        try
        {
            emulator = await KiwigridEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new CliUsageException($"--urls cannot be bound ({e.Message.TrimEnd('.')}); pick another port.");
        }
        catch (InvalidDataException e)
        {
            // The --site file is there but is no device dump: the user's input, not a defect to report.
            throw new CliUsageException($"--site takes a device dump such as a wizard-devices JSON file ({e.Message.TrimEnd('.')}).");
        }

        await using (emulator.ConfigureAwait(false))
        {
            var console = Context.Console;
            foreach (var line in EmulatorBanner.Lines(emulator, commandLine.DescribeAccounts()))
            {
                console.WriteRawLine(line);
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, Context.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
