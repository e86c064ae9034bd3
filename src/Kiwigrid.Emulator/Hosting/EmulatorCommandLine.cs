using System.Globalization;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The emulator's command line: <c>--urls</c>, <c>--user name:password</c> (repeatable), <c>--token-lifetime</c>,
/// <c>--heartbeat</c>, <c>--ping-timeout</c> (TimeSpan or seconds), <c>--dialect vertx2|vertx3</c>, and the
/// simulation settings <c>--seed</c>, <c>--start</c>, <c>--speed</c>, <c>--site</c>, which become the site factory.
/// </summary>
internal sealed record EmulatorCommandLine(EmulatorOptions Options, SimulationSettings Simulation)
{
    public const string Usage =
        "usage: Kiwigrid.Emulator [--urls http://127.0.0.1:8080] [--user name:password]... [--token-lifetime 01:00:00]\n"
        + "                         [--heartbeat 25] [--ping-timeout 10] [--dialect vertx2|vertx3]\n"
        + "                         [--seed N] [--start 2024-06-21T06:00:00Z] [--speed 60] [--site dump.json]";

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-sentence message on bad input.</summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = EmulatorOptions.Default;
        var simulation = new SimulationSettings();
        Dictionary<string, string>? users = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"The option {name} needs a value.");
            switch (name)
            {
                case "--urls":
                    options = options with { Urls = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--user":
                    var pair = Value();
                    var colon = pair.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0 || colon == pair.Length - 1)
                    {
                        throw new FormatException("The option --user needs the form name:password.");
                    }

                    users ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    users[pair[..colon]] = pair[(colon + 1)..];
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

        options = options with { SiteFactory = simulation.ToSiteFactory() };
        return new EmulatorCommandLine(users is null ? options : options with { Users = users }, simulation);
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
