using Spectre.Console;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Where commands write: rendered output and machine-readable output on <see cref="Out"/>, prompts and error
/// sentences on <see cref="Error"/>, secrets read from <see cref="Input"/>. Tests hand in Spectre test consoles.
/// </summary>
internal sealed class CliConsole(IAnsiConsole output, IAnsiConsole error, TextReader input, bool isInteractive)
{
    /// <summary>Standard output: tables, the live view, JSON.</summary>
    public IAnsiConsole Out { get; } = output;

    /// <summary>Standard error: prompts, progress notes and error sentences, so that <c>--json</c> stays clean.</summary>
    public IAnsiConsole Error { get; } = error;

    /// <summary>Standard input, for <c>--password-stdin</c>.</summary>
    public TextReader Input { get; } = input;

    /// <summary>Whether a person sits at a terminal and can answer a prompt.</summary>
    public bool IsInteractive { get; } = isInteractive;

    /// <summary>The console of this process.</summary>
    public static CliConsole ForProcess()
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Spectre judges interactivity by standard output; a progress bar on a terminal's stderr is wanted with stdout in a file too.
        var error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = Console.IsErrorRedirected ? InteractionSupport.No : InteractionSupport.Yes,
        });
        return new CliConsole(output, error, Console.In, !Console.IsInputRedirected && !Console.IsErrorRedirected);
    }

    /// <summary>Writes text as it is (JSON, CSV, a bare value): no markup, no wrapping at the console width.</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.Write(text);

    /// <summary>Writes one line as it is.</summary>
    public void WriteRawLine(string text) => Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>Writes an error sentence to standard error.</summary>
    public void WriteError(string sentence) => Error.Profile.Out.Writer.WriteLine("kiwigrid: " + sentence);

    /// <summary>Writes a note for the person at the terminal to standard error (not part of the output proper).</summary>
    public void WriteNote(string text) => Error.Profile.Out.Writer.WriteLine(text);
}
