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

    /// <summary>The Manager's gateway password: its own variable, so that the portal password never goes to a LAN device.</summary>
    public const string ManagerPasswordVariable = "KIWIGRID_MANAGER_PASSWORD";

    /// <summary>The user a SOLARWATT Manager is usually signed in with.</summary>
    public const string ManagerDefaultUser = "installer";

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

        return new Credentials(userName, await ResolvePasswordAsync(passwordFromStdin, PasswordVariable, $"Password for {Markup.Escape(userName)}:", context, cancellationToken));
    }

    /// <summary>
    /// The SOLARWATT Manager's gateway login: the user from the option, else <see cref="ManagerDefaultUser"/>; the
    /// password from stdin, <see cref="ManagerPasswordVariable"/> or a hidden prompt.
    /// </summary>
    /// <exception cref="CliUsageException">No password, and nobody is at a terminal to type it.</exception>
    public static async Task<Credentials> ResolveForManagerAsync(
        string? userNameOption, bool passwordFromStdin, CliContext context, CancellationToken cancellationToken)
    {
        var userName = NonEmpty(userNameOption) ?? ManagerDefaultUser;
        return new Credentials(userName, await ResolvePasswordAsync(passwordFromStdin, ManagerPasswordVariable, $"Gateway password of the SOLARWATT Manager for {Markup.Escape(userName)}:", context, cancellationToken));
    }

    private static async Task<string> ResolvePasswordAsync(bool passwordFromStdin, string variable, string prompt, CliContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (passwordFromStdin)
        {
            var password = (await console.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            return string.IsNullOrEmpty(password)
                ? throw new CliUsageException("--password-stdin found no password on standard input; pipe it in, e.g. printf '%s' \"$PW\" | kiwigrid status --password-stdin.")
                : password;
        }

        return NonEmpty(context.GetEnvironmentVariable(variable))
            ?? (console.IsInteractive
                ? await new TextPrompt<string>(prompt).Secret().ShowAsync(console.Error, cancellationToken)
                : throw new CliUsageException($"No password: set {variable}, pass --password-stdin, or run in a terminal to be asked."));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
