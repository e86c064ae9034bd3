using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Kiwigrid.Cli.Commands;
using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve.Configuration;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Cli;

/// <summary>The <c>kiwigrid</c> command tree and how one invocation runs, in a process or in a test.</summary>
internal static class KiwigridCli
{
    /// <summary>The global option that sends the library's logs to stderr.</summary>
    public const string VerboseOption = "--verbose";

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "kiwigrid: read a SOLARWATT Energy Manager through the Kiwigrid cloud, an emulator or the LAN. "
            + "Start with 'kiwigrid demo'. Credentials come from KIWIGRID_USERNAME/KIWIGRID_PASSWORD, --password-stdin or a prompt.")
        {
            new DemoCommand(context),
            new StatusCommand(context),
            new DevicesCommand(context),
            new TagsCommand(context),
            new GetCommand(context),
            new SettingsCommand(context),
            new SetCommand(context),
            new WatchCommand(context),
            new ExportCommand(context),
            new HistoryCommand(context),
            new ServeCommand(context),
            new EmulatorCommand(context),
        };
        root.Options.Add(new Option<bool>(VerboseOption, "-v")
        {
            Description = "Show what the library does (logins, requests, reconnects) on stderr, one line each; never a password or token.",
            Recursive = true,
        });

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction standard)
            {
                help.Action = new HelpWithExitCodes(standard);
            }
        }

        return root;
    }

    /// <summary>
    /// Parses and runs one command line. Usage errors print one sentence (<see cref="UsageError"/>) and exit with 2;
    /// everything else is the command's to report.
    /// </summary>
    /// <param name="args">The arguments after <c>kiwigrid</c>.</param>
    /// <param name="context">Console, environment and clock.</param>
    /// <param name="cancellationToken">Cancels the command; the process cancels it on Ctrl+C and SIGTERM.</param>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            (args, context) = ServeConfiguration.Apply(args, context);
        }
        catch (CliUsageException e)
        {
            context.Console.WriteError(e.Message);
            return ExitCodes.Usage;
        }

        var parseResult = CreateRootCommand(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            context.Console.WriteError(UsageError.Describe(parseResult, "kiwigrid"));
            return ExitCodes.Usage;
        }

        // The commands take the context when the tree is built: with --verbose, build it again with the log on stderr.
        using var verboseLog = parseResult.GetValue<bool>(VerboseOption) ? VerboseLoggerProvider.Factory(context.Console) : null;
        if (verboseLog is not null)
        {
            context = context with { LoggerFactory = verboseLog };
            parseResult = CreateRootCommand(context).Parse(args);
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Console.Out.Profile.Out.Writer,
            Error = context.Console.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The standard help, followed by the exit codes under <c>kiwigrid --help</c>.</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Exit codes:");
                foreach (var (code, meaning) in ExitCodes.Documented)
                {
                    output.WriteLine($"  {code,-5}{meaning}");
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
