namespace Kiwigrid.Cli;

/// <summary>The process exit codes of <c>kiwigrid</c>; scripts branch on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int Usage = 2;
    public const int LoginFailed = 3;
    public const int Unreachable = 4;
    public const int ServiceError = 5;
    public const int Interrupted = 130;

    /// <summary>The table printed under <c>kiwigrid --help</c> and in docs/CLI.md ("Exit codes").</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Documented { get; } =
    [
        (Ok, "success"),
        (NotFound, "the device or tag asked for does not exist"),
        (Usage, "usage error: unknown command or option, bad URL, missing credentials"),
        (LoginFailed, "login failed: wrong user name or password, or the login server refused"),
        (Unreachable, "server unreachable, or the connection was lost"),
        (ServiceError, "protocol or service error: the server answered something unexpected"),
        (Interrupted, "interrupted (Ctrl+C)"),
    ];
}
