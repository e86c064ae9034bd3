using Spectre.Console;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// The portal user name and password, from the environment, standard input or a hidden prompt. There is
/// deliberately no password option: arguments end up in shell history and process listings.
/// </summary>
internal sealed class Credentials
{
    public const string UserNameVariable = "KIWIGRID_USERNAME";
    public const string PasswordVariable = "KIWIGRID_PASSWORD";

    private Credentials(string userName, string password)
    {
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    /// <summary>Never shows the password, should a Credentials object ever end up in a message.</summary>
    public override string ToString() => $"{UserName} (password hidden)";

    /// <summary>Finds the credentials: option or environment for the user name; stdin, environment or prompt for the password.</summary>
    /// <exception cref="CliUsageException">A credential is missing and nobody is at a terminal to type it.</exception>
    public static async Task<Credentials> ResolveAsync(
        string? userNameOption, bool passwordFromStdin, CliContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var userName = NonEmpty(userNameOption) ?? NonEmpty(context.GetEnvironmentVariable(UserNameVariable));
        if (userName is null)
        {
            userName = console.IsInteractive
                ? await new TextPrompt<string>("Portal user name:").ShowAsync(console.Error, cancellationToken)
                : throw new CliUsageException($"No user name: pass --user or set {UserNameVariable}.");
        }

        string? password;
        if (passwordFromStdin)
        {
            password = (await console.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                throw new CliUsageException("--password-stdin found no password on standard input; pipe it in, e.g. printf '%s' \"$PW\" | kiwigrid status --password-stdin.");
            }
        }
        else
        {
            password = NonEmpty(context.GetEnvironmentVariable(PasswordVariable));
            if (password is null)
            {
                password = console.IsInteractive
                    ? await new TextPrompt<string>($"Password for {Markup.Escape(userName)}:").Secret().ShowAsync(console.Error, cancellationToken)
                    : throw new CliUsageException($"No password: set {PasswordVariable}, pass --password-stdin, or run in a terminal to be asked.");
            }
        }

        return new Credentials(userName, password);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
