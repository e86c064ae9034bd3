using System.CommandLine;
using System.CommandLine.Parsing;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// A command line that does not parse, as one sentence that says what is wrong and what to do: an unknown command or
/// option with the nearest known one, a missing or repeated value, or the option parsers' own sentence.
/// System.CommandLine's own messages (which name .NET types and follow the machine's language) are left only for
/// whatever else is not covered here.
/// </summary>
internal static class UsageError
{
    /// <summary>Describes the first problem of <paramref name="parseResult"/>, which has errors.</summary>
    /// <param name="parseResult">The failed parse.</param>
    /// <param name="program">The name the user typed for the root command (<c>kiwigrid</c>).</param>
    public static string Describe(ParseResult parseResult, string program)
    {
        var commandResult = parseResult.CommandResult;
        var command = commandResult.Command;
        var path = CommandPath(commandResult, program);
        var help = $"run '{path} --help' for usage";
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            var token = parseResult.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                // The name only: in --password=… the rest is a secret typed where it does not belong.
                var name = token.Split('=', ':')[0];
                var options = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
                return $"{path} has no option {name}{Suggest(name, options)}; {help}.";
            }

            if (command.Subcommands.Count > 0)
            {
                return $"'{token}' is not a {path} command{Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}; run '{path} --help' for the list.";
            }

            // A stray argument is not repeated: it may be a password typed after --password-stdin.
            return command.Arguments.Count == 0
                ? $"{path} takes no arguments, only options; {help}."
                : $"{path} takes only {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))} besides options; {help}.";
        }

        var error = parseResult.Errors[0];
        switch (error.SymbolResult)
        {
            case OptionResult { Tokens.Count: 0 } missing:
                return $"{missing.Option.Name} needs a value ({missing.Option.HelpName ?? "see its description"}); {help}.";
            case OptionResult { Tokens.Count: > 1 } repeated when repeated.Option.Arity.MaximumNumberOfValues == 1:
                return $"{repeated.Option.Name} takes one value and was given {repeated.Tokens.Count}; {help}.";
            case ArgumentResult { Tokens.Count: 0, Parent: CommandResult } argument:
                return $"{path} needs the {argument.Argument.Name} argument; {help}.";
            case CommandResult when command.Subcommands.Count > 0:
                return $"{path} needs a command; run '{path} --help' for the list.";
            default:
                // The option parsers' sentences, and System.CommandLine's own for anything else.
                return $"{error.Message.Split('\n')[0].Trim().TrimEnd('.')}; {help}.";
        }
    }

    private static string CommandPath(CommandResult result, string program)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is CommandResult { Parent: not null } nested; current = nested.Parent)
        {
            names.Push(nested.Command.Name);
        }

        names.Push(program);
        return string.Join(' ', names);
    }

    /// <summary>" (did you mean 'status'?)" for the nearest of <paramref name="known"/>, or nothing when none is near.</summary>
    private static string Suggest(string typed, IEnumerable<string> known)
    {
        var nearest = known
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => typed.TrimStart('-').Length >= 3
                && (c.Distance <= Math.Max(1, typed.TrimStart('-').Length / 3) || c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        return nearest is null ? string.Empty : $" (did you mean '{nearest}'?)";
    }

    /// <summary>Edits between two words, a swap of neighbours counting as one (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
