using System.CommandLine;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// A subcommand of <c>kiwigrid</c>. Turns every failure into one sentence on standard error and its exit code, and
/// Ctrl+C into exit code 130.
/// </summary>
internal abstract class KiwigridCommand : Command
{
    protected KiwigridCommand(string name, string description, CliContext context)
        : base(name, description)
    {
        Context = context;
        SetAction(InvokeAsync);
    }

    protected CliContext Context { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    private async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The process boundary: every failure becomes a sentence and an exit code, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = CommandError.From(ex);
            Context.Console.WriteError(error.Message);
            return error.ExitCode;
        }
    }
}
