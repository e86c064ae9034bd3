using System.Globalization;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The emulator's command line: <c>--urls</c>, the accounts (<c>--users-file PATH</c>, repeatable;
/// <c>--user NAME</c> with <c>--password-stdin</c>; the environment, see <see cref="EmulatorAccounts"/>),
/// <c>--token-lifetime</c>, <c>--heartbeat</c>, <c>--ping-timeout</c> (TimeSpan or seconds),
/// <c>--dialect vertx2|vertx3</c>, and the simulation settings <c>--seed</c>, <c>--start</c>, <c>--speed</c>,
/// <c>--site</c>, which become the site factory. With no account given the emulator keeps its demo account.
/// </summary>
internal sealed record EmulatorCommandLine(EmulatorOptions Options, SimulationSettings Simulation, bool HasDemoAccount)
{
    public const string Usage =
        "usage: Kiwigrid.Emulator [--urls http://127.0.0.1:8080] [--users-file PATH]... [--user NAME [--password-stdin]]\n"
        + "                         [--token-lifetime 01:00:00] [--heartbeat 25] [--ping-timeout 10] [--dialect vertx2|vertx3]\n"
        + "                         [--seed N] [--start 2024-06-21T06:00:00Z] [--speed 60] [--site dump.json]\n"
        + "accounts (never on the command line): --users-file PATH holds one name:password per line (blank lines and\n"
        + "  # comments skipped; split at the first ':', so a password may contain ':'); KIWIGRID_EMULATOR_USERS holds\n"
        + "  name:password entries separated by newlines or ';' (there a password cannot contain ';' or a newline);\n"
        + "  --user NAME takes its password from the first line of standard input with --password-stdin, else from\n"
        + "  KIWIGRID_EMULATOR_PASSWORD. All of them combine; with none, the demo account demo@example.com / demo.";

    /// <summary>
    /// Parses the arguments, reading users files, <paramref name="environment"/> and (for <c>--password-stdin</c>)
    /// <paramref name="standardInput"/>; throws <see cref="FormatException"/> with a one-sentence message on bad input.
    /// </summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment, TextReader standardInput)
    {
        var options = EmulatorOptions.Default;
        var simulation = new SimulationSettings();
        var usersFiles = new List<string>();
        string? userName = null;
        var passwordFromStdin = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"The option {name} needs a value.");
            switch (name)
            {
                case "--urls":
                    options = options with { Urls = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--users-file":
                    usersFiles.Add(Value());
                    break;
                case "--user":
                    var user = Value();
                    if (user.Contains(':', StringComparison.Ordinal))
                    {
                        // Never echo the value: it is most likely name:password, and the password must not reach a log.
                        throw new FormatException(
                            $"The option --user takes only a user name, because a password on the command line is visible to every user of the machine; put name:password in a --users-file or in {EmulatorAccounts.UsersVariable}.");
                    }

                    userName = userName is null && user.Trim().Length > 0
                        ? user.Trim()
                        : throw new FormatException("The option --user names one user with a non-empty name; put further accounts in a --users-file.");
                    break;
                case "--password-stdin":
                    passwordFromStdin = true;
                    break;
                case "--token-lifetime":
                    options = options with { TokenLifetime = Duration(name, Value()) };
                    break;
                case "--heartbeat":
                    options = options with { HeartbeatInterval = Duration(name, Value()) };
                    break;
                case "--ping-timeout":
                    options = options with { PingTimeout = Duration(name, Value()) };
                    break;
                case "--dialect":
                    options = options with
                    {
                        Dialect = Value().ToUpperInvariant() switch
                        {
                            "VERTX2" => EventBusDialect.VertX2,
                            "VERTX3" => EventBusDialect.VertX3,
                            _ => throw new FormatException("The option --dialect takes vertx2 or vertx3."),
                        },
                    };
                    break;
                case "--seed":
                    simulation = simulation with { Seed = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new FormatException("The option --seed takes an integer.") };
                    break;
                case "--start":
                    simulation = simulation with { Start = DateTimeOffset.TryParse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) ? start : throw new FormatException("The option --start takes a date and time such as 2024-06-21T06:00:00Z.") };
                    break;
                case "--speed":
                    simulation = simulation with { Speed = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 ? speed : throw new FormatException("The option --speed takes a positive number.") };
                    break;
                case "--site":
                    simulation = simulation with { Site = Value() };
                    break;
                default:
                    throw new FormatException($"Unknown option {name}.");
            }
        }

        var accounts = ReadAccounts(usersFiles, userName, passwordFromStdin, environment, standardInput);
        options = options with { SiteFactory = simulation.ToSiteFactory() };
        return accounts.IsEmpty
            ? new EmulatorCommandLine(options, simulation, HasDemoAccount: true)
            : new EmulatorCommandLine(options with { Users = accounts.ToUsers() }, simulation, HasDemoAccount: false);
    }

    /// <summary>
    /// The banner's account part: the demo account with its password (it is public), configured accounts by name
    /// only, since their passwords are secrets and the banner often ends up in a log.
    /// </summary>
    public string DescribeAccounts() => HasDemoAccount
        ? $"user {EmulatorOptions.DemoUserName}  password {EmulatorOptions.DemoPassword}"
        : $"users {string.Join(", ", Options.Users.Keys)} (passwords as configured)";

    private static EmulatorAccounts ReadAccounts(
        List<string> usersFiles, string? userName, bool passwordFromStdin, Func<string, string?> environment, TextReader standardInput)
    {
        var accounts = new EmulatorAccounts();
        foreach (var path in usersFiles)
        {
            accounts.AddFile(path);
        }

        accounts.AddEnvironmentList(environment(EmulatorAccounts.UsersVariable));
        if (userName is null)
        {
            return passwordFromStdin
                ? throw new FormatException("The option --password-stdin reads the password of --user NAME, so it needs --user too.")
                : accounts;
        }

        // The single password sources are taken exactly (only the line end is dropped), as the client CLI's are.
        if (passwordFromStdin)
        {
            accounts.AddUser(userName, standardInput.ReadLine()?.TrimEnd('\r', '\n') ?? string.Empty, "standard input");
        }
        else
        {
            accounts.AddUser(
                userName,
                environment(EmulatorAccounts.PasswordVariable)
                    ?? throw new FormatException($"The option --user {userName} needs a password: pipe it in with --password-stdin or set {EmulatorAccounts.PasswordVariable}."),
                EmulatorAccounts.PasswordVariable);
        }

        return accounts;
    }

    /// <summary>A positive duration as seconds (<c>25</c>) or a TimeSpan (<c>00:00:25</c>).</summary>
    private static TimeSpan Duration(string name, string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new FormatException($"The option {name} takes a positive number of seconds or a time span such as 00:00:25.");
    }
}
