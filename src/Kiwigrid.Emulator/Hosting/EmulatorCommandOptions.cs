using System.CommandLine;

using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The emulator's options on System.CommandLine, defined once for both entry points (<c>src/Kiwigrid.Emulator</c>
/// and <c>kiwigrid emulator</c>): <c>--urls</c>, the accounts (<c>--users-file PATH</c>, repeatable;
/// <c>--user NAME</c> with <c>--password-stdin</c>; the environment, see <see cref="EmulatorAccounts"/>),
/// <c>--token-lifetime</c>, <c>--heartbeat</c>, <c>--ping-timeout</c>, <c>--dialect</c>, and the simulation settings
/// <c>--seed</c>, <c>--start</c>, <c>--speed</c>, <c>--site</c>, which become the site factory, and the SOLARWATT
/// Manager's <c>--manager</c>, <c>--manager-firmware</c>, <c>--manager-https</c>, <c>--manager-login-outage</c>. Bad
/// values are one sentence from the parser; with no account given the emulator keeps its demo account, and the
/// Manager's user <c>installer</c> takes the password of an account of that name, else the demo password.
/// </summary>
internal sealed class EmulatorCommandOptions
{
    /// <summary>The standalone program's name in usage errors.</summary>
    public const string ProgramName = "Kiwigrid.Emulator";

    /// <summary>The command's description: what it serves and where its accounts come from (never an argument).</summary>
    public const string Description =
        "Serve the emulated Kiwigrid cloud and a local Energy Manager for a simulated home until Ctrl+C. Accounts come "
        + "from --users-file, " + EmulatorAccounts.UsersVariable + " (name:password entries separated by newlines or ';') "
        + "or --user, never from an argument; with none, " + EmulatorOptions.DemoUserName + " / " + EmulatorOptions.DemoPassword + ".";

    /// <summary>Speeds above this leave the simulation's steps too coarse to mean anything.</summary>
    private const double MaximumSpeed = 100_000;

    public EmulatorCommandOptions()
    {
        Urls.CustomParser = result =>
        {
            var urls = result.Tokens[^1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (urls.Length > 0 && urls.All(IsHttpUrl))
            {
                return urls;
            }

            result.AddError($"--urls takes http://host:port addresses separated by ';' such as http://127.0.0.1:8080, not '{result.Tokens[^1].Value}'.");
            return null;
        };
        User.CustomParser = result =>
        {
            if (result.Tokens.Any(t => t.Value.Contains(':', StringComparison.Ordinal)))
            {
                // Never echo the value: it is most likely name:password, and the password must not reach a log.
                result.AddError(
                    $"The option --user takes only a user name, because a password on the command line is visible to every user of the machine; put name:password in a --users-file or in {EmulatorAccounts.UsersVariable}.");
            }
            else if (result.Tokens.Count != 1 || result.Tokens[0].Value.Trim().Length == 0)
            {
                result.AddError("The option --user names one user with a non-empty name; put further accounts in a --users-file.");
            }

            return [.. result.Tokens.Select(t => t.Value.Trim())];
        };
    }

    public Option<string[]?> Urls { get; } = new("--urls")
    {
        Description = "Where to listen: http://host:port, several separated by ';' (default http://127.0.0.1:0, a free loopback port).",
        HelpName = "urls",
    };

    public Option<string[]> UsersFiles { get; } = new("--users-file")
    {
        Description = "A file of accounts, one name:password per line, split at the first ':' so a password may contain ':'; blank lines and lines starting with # are skipped. Repeatable.",
        HelpName = "path",
    };

    /// <summary>Repeatable for the parser only, so that a second <c>--user</c> gets a sentence that says what to do instead.</summary>
    public Option<string[]> User { get; } = new("--user")
    {
        Description = $"One account's user name (never name:password); its password is the first line of standard input with --password-stdin, else {EmulatorAccounts.PasswordVariable}.",
        HelpName = "name",
    };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = "Read the password of --user from the first line of standard input.",
    };

    public Option<TimeSpan?> TokenLifetime { get; } = new Option<TimeSpan?>("--token-lifetime")
    {
        Description = "How long an access token stays valid, in seconds or as a time span (default 01:00:00); the bus then answers 419.",
        HelpName = "duration",
    }.Duration(TimeSpan.FromDays(365));

    public Option<TimeSpan?> Heartbeat { get; } = new Option<TimeSpan?>("--heartbeat")
    {
        Description = "Seconds between the bus's SockJS heartbeats (default 25).",
        HelpName = "duration",
    }.Duration(TimeSpan.FromHours(1));

    public Option<TimeSpan?> PingTimeout { get; } = new Option<TimeSpan?>("--ping-timeout")
    {
        Description = "A bus connection that has not pinged for this long is closed (default 10 s).",
        HelpName = "duration",
    }.Duration(TimeSpan.FromHours(1));

    public Option<string> Dialect { get; } = new Option<string>("--dialect")
    {
        Description = "The event bus's message shape: vertx2 (default, as the real cloud) or vertx3.",
        HelpName = "vertx2|vertx3",
    }.OneOf("vertx2", "vertx3");

    public Option<int?> Seed { get; } = new Option<int?>("--seed")
    {
        Description = "Seed of the simulated weather and loads; the same seed gives the same day.",
        HelpName = "n",
    }.WholeNumber(int.MinValue, int.MaxValue);

    public Option<DateTimeOffset?> Start { get; } = new Option<DateTimeOffset?>("--start")
    {
        Description = "The simulated time at start-up, such as 2024-06-21T06:00:00Z (default: now).",
        HelpName = "time",
    }.DateTime(1900, 2100);

    public Option<double?> Speed { get; } = new Option<double?>("--speed")
    {
        Description = "Simulated seconds per real second (default 1).",
        HelpName = "factor",
    }.PositiveNumber(MaximumSpeed);

    public Option<string?> Site { get; } = new("--site")
    {
        Description = "Replay a captured device dump (a wizard-devices JSON file) instead of simulating.",
        HelpName = "path",
    };

    public Option<bool> Plug { get; } = new("--plug")
    {
        Description = "Give the simulated home a smart plug (a 180 W dehumidifier) to switch, besides the wallbox.",
    };

    public Option<string> Manager { get; } = new Option<string>("--manager")
    {
        Description = "Also play a SOLARWATT Manager flex or rail on its own loopback origin (off by default); its user is installer.",
        HelpName = "flex|rail",
    }.OneOf("flex", "rail");

    public Option<string> ManagerFirmwareChoice { get; } = new Option<string>("--manager-firmware", "--firmware")
    {
        Description = "The Manager's firmware: new (default; /rest/hems-configurator/…) or old (openHAB /rest/items and /rest/things).",
        HelpName = "old|new",
    }.OneOf("old", "new");

    public Option<bool> ManagerHttps { get; } = new("--manager-https")
    {
        Description = "Serve the Manager over HTTPS only, with a self-signed certificate made at start; the banner prints its SHA-256 fingerprint.",
    };

    public Option<int?> ManagerLoginOutage { get; } = new Option<int?>("--manager-login-outage")
    {
        Description = "The Manager's first N login attempts fail with 504 and 500 alternately, as some firmware does for a while (default 0).",
        HelpName = "n",
    }.WholeNumber(0, 1000);

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Urls, UsersFiles, User, PasswordStdin, TokenLifetime, Heartbeat, PingTimeout, Dialect, Seed, Start, Speed, Site, Plug, Manager, ManagerFirmwareChoice, ManagerHttps, ManagerLoginOutage])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Reads a parse without errors into the emulator's options, reading users files, <paramref name="environment"/>
    /// and (for <c>--password-stdin</c>) <paramref name="standardInput"/>.
    /// </summary>
    /// <exception cref="FormatException">An account source is bad; the message is one sentence and quotes no password.</exception>
    public EmulatorCommandLine Read(ParseResult parseResult, Func<string, string?> environment, TextReader standardInput)
    {
        var options = EmulatorOptions.Default;
        if (parseResult.GetValue(Urls) is { Length: > 0 } urls)
        {
            options = options with { Urls = urls };
        }

        options = options with
        {
            TokenLifetime = parseResult.GetValue(TokenLifetime) ?? options.TokenLifetime,
            HeartbeatInterval = parseResult.GetValue(Heartbeat) ?? options.HeartbeatInterval,
            PingTimeout = parseResult.GetValue(PingTimeout) ?? options.PingTimeout,
            Dialect = parseResult.GetValue(Dialect) == "vertx3" ? EventBusDialect.VertX3 : options.Dialect,
        };
        var simulation = new SimulationSettings(parseResult.GetValue(Seed), parseResult.GetValue(Start), parseResult.GetValue(Speed), parseResult.GetValue(Site))
        {
            Plug = parseResult.GetValue(Plug),
        };
        options = options with { SiteFactory = simulation.ToSiteFactory() };

        var accounts = ReadAccounts(parseResult.GetValue(UsersFiles) ?? [], parseResult.GetValue(User) is [var user] ? user : null, parseResult.GetValue(PasswordStdin), environment, standardInput);
        options = options with { Manager = ReadManager(parseResult, accounts.ToUsers()) };
        return accounts.IsEmpty
            ? new EmulatorCommandLine(options, simulation, HasDemoAccount: true)
            : new EmulatorCommandLine(options with { Users = accounts.ToUsers() }, simulation, HasDemoAccount: false);
    }

    private ManagerOptions? ReadManager(ParseResult parseResult, IReadOnlyDictionary<string, string> users)
    {
        if (parseResult.GetValue(Manager) is not { } model)
        {
            var without = parseResult.GetResult(ManagerFirmwareChoice) is { Implicit: false } ? ManagerFirmwareChoice.Name
                : parseResult.GetValue(ManagerHttps) ? ManagerHttps.Name
                : parseResult.GetResult(ManagerLoginOutage) is { Implicit: false } ? ManagerLoginOutage.Name
                : null;
            return without is null
                ? null
                : throw new FormatException($"The option {without} shapes the emulated Manager, so it needs --manager flex or --manager rail too.");
        }

        return ManagerOptions.Default with
        {
            Model = model == "rail" ? ManagerModel.Rail : ManagerModel.Flex,
            Firmware = parseResult.GetValue(ManagerFirmwareChoice) == "old" ? ManagerFirmware.Old : ManagerFirmware.New,
            Https = parseResult.GetValue(ManagerHttps),
            LoginOutage = parseResult.GetValue(ManagerLoginOutage) ?? 0,
            Password = users.GetValueOrDefault(ManagerOptions.InstallerUserName) ?? ManagerOptions.Default.Password,
        };
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static EmulatorAccounts ReadAccounts(
        string[] usersFiles, string? userName, bool passwordFromStdin, Func<string, string?> environment, TextReader standardInput)
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
}
