using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>The command line: which benchmarks, how long each measurement runs, how many sessions the scale test opens.</summary>
internal sealed record BenchSettings
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Kiwigrid.Bench -- [all|decode|bus|coldstart|scale|footprint|fanout|smalldevice]... [--round-seconds 2] [--rounds 3]\n"
        + "                                                               [--runs 9] [--sessions 1000] [--scale-seconds 30] [--footprint-seconds 50]\n"
        + "                                                               [--clients 1000] [--polls-per-second 1000] [--fanout-seconds 40]\n"
        + "                                                               [--hour-seconds 3600] [--day-seconds 3600]\n"
        + "                                                               [--results bench/RESULTS.md]\n"
        + "       dotnet run -c Release --project bench/Kiwigrid.Bench -- soak [--minutes 5] [--sessions 1000]";

    private static readonly string[] All = ["decode", "bus", "coldstart", "scale", "footprint", "fanout", "smalldevice"];

    public IReadOnlyList<string> Benchmarks { get; init; } = All;

    /// <summary>Whether every benchmark runs, so RESULTS.md is written anew rather than section by section.</summary>
    public bool IsWholeRun => Benchmarks.Count == All.Length;

    /// <summary>How long one measured round runs (decode: per frame; bus: per case).</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(2);

    public int Rounds { get; init; } = 3;

    /// <summary>How many times each side of the cold-start comparison runs (the median is kept).</summary>
    public int Runs { get; init; } = 9;

    public int Sessions { get; init; } = 1000;

    public TimeSpan ScaleLength { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long (real time) <c>kiwigrid watch</c> runs for the footprint: ten simulated minutes at the chosen speed.</summary>
    public TimeSpan FootprintLength { get; init; } = TimeSpan.FromSeconds(50);

    public string? ResultsPath { get; init; }

    /// <summary>Fan-out: how many dashboards hold <c>/api/events</c> open on one serve.</summary>
    public int FanoutClients { get; init; } = 1000;

    /// <summary>Fan-out: <c>/api/energy-flow</c> requests per second during the measured round.</summary>
    public int PollsPerSecond { get; init; } = 1000;

    /// <summary>Fan-out: how long the measured round (and the MQTT comparison) runs.</summary>
    public TimeSpan FanoutLength { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Small devices: real time for the hour of the resident-memory figures; a real hour, so its readings are as many as a real hour's.</summary>
    public TimeSpan HourLength { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Small devices: real time for one simulated day (the heap-limit search), run beside the hour.</summary>
    public TimeSpan DayLength { get; init; } = TimeSpan.FromHours(1);

    /// <exception cref="FormatException">An option is unknown or its value is not valid.</exception>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        var benchmarks = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"The option {name} needs a value.");
            double Positive() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new FormatException($"The option {name} takes a positive number.");
            switch (name)
            {
                case "all":
                    benchmarks.AddRange(All);
                    break;
                case "decode" or "bus" or "coldstart" or "scale" or "footprint" or "fanout" or "smalldevice":
                    benchmarks.Add(name);
                    break;
                case "--round-seconds":
                    settings = settings with { RoundLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--rounds":
                    settings = settings with { Rounds = (int)Positive() };
                    break;
                case "--runs":
                    settings = settings with { Runs = (int)Positive() };
                    break;
                case "--footprint-seconds":
                    settings = settings with { FootprintLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--sessions":
                    settings = settings with { Sessions = (int)Positive() };
                    break;
                case "--scale-seconds":
                    settings = settings with { ScaleLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--clients":
                    settings = settings with { FanoutClients = (int)Positive() };
                    break;
                case "--polls-per-second":
                    settings = settings with { PollsPerSecond = (int)Positive() };
                    break;
                case "--fanout-seconds":
                    settings = settings with { FanoutLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--hour-seconds":
                    settings = settings with { HourLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--day-seconds":
                    settings = settings with { DayLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--results":
                    settings = settings with { ResultsPath = Value() };
                    break;
                default:
                    throw new FormatException($"Unknown argument {name}.");
            }
        }

        return benchmarks.Count == 0 ? settings : settings with { Benchmarks = [.. All.Where(benchmarks.Contains)] };
    }
}
