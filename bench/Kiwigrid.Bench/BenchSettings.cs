using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>The command line: which benchmarks, how long each measurement runs, how many sessions the scale test opens.</summary>
internal sealed record BenchSettings
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Kiwigrid.Bench -- [all|decode|bus|scale]... [--round-seconds 2] [--rounds 3]\n"
        + "                                                               [--sessions 1000] [--scale-seconds 30] [--results bench/RESULTS.md]";

    public IReadOnlyList<string> Benchmarks { get; init; } = ["decode", "bus", "scale"];

    /// <summary>How long one measured round runs (decode: per frame; bus: per case).</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(2);

    public int Rounds { get; init; } = 3;

    public int Sessions { get; init; } = 1000;

    public TimeSpan ScaleLength { get; init; } = TimeSpan.FromSeconds(30);

    public string? ResultsPath { get; init; }

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
                    benchmarks.AddRange(["decode", "bus", "scale"]);
                    break;
                case "decode" or "bus" or "scale":
                    benchmarks.Add(name);
                    break;
                case "--round-seconds":
                    settings = settings with { RoundLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--rounds":
                    settings = settings with { Rounds = (int)Positive() };
                    break;
                case "--sessions":
                    settings = settings with { Sessions = (int)Positive() };
                    break;
                case "--scale-seconds":
                    settings = settings with { ScaleLength = TimeSpan.FromSeconds(Positive()) };
                    break;
                case "--results":
                    settings = settings with { ResultsPath = Value() };
                    break;
                default:
                    throw new FormatException($"Unknown argument {name}.");
            }
        }

        return benchmarks.Count == 0 ? settings : settings with { Benchmarks = [.. benchmarks.Distinct()] };
    }
}
