using System.Text;
using Kiwigrid.Bench;
using Kiwigrid.Testing;

// dotnet run -c Release --project bench/Kiwigrid.Bench -- all   (see bench/README.md and BenchSettings.Usage)
if (args is ["emulator-host"])
{
    return await EmulatorHost.RunAsync();
}

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; the figures mean little. Use -c Release.");
#endif

var machine = Machine.Describe();
var sections = new StringBuilder();
foreach (var benchmark in settings.Benchmarks)
{
    var section = benchmark switch
    {
        "decode" => ("1. Decode", await DecodeBenchmark.RunAsync(settings)),
        "bus" => ("2. Bus round trips", await RoundTripBenchmark.RunAsync(settings)),
        _ => ("4. Scale", await ScaleBenchmark.RunAsync(settings)),
    };
    sections.AppendLine("## " + section.Item1).AppendLine().AppendLine(section.Item2).AppendLine();
}

var pending = Directory.Exists(Path.Combine(RepoPaths.Root, "src", "Kiwigrid.Cli"))
    ? "the CLI exists now, but this tool does not measure them yet"
    : "they need the `kiwigrid` CLI, which this tree does not have yet";
var results = settings.ResultsPath ?? Path.Combine(RepoPaths.Root, "bench", "RESULTS.md");
await File.WriteAllTextAsync(results, $"""
    # Benchmark results

    Written by `dotnet run -c Release --project bench/Kiwigrid.Bench -- {string.Join(' ', args)}` (see bench/README.md);
    do not edit by hand. Ratios compare the two sides of one run on one machine. The machine is shared and has
    few cores: absolute figures vary from run to run, the ratios less so. Benchmarks 3 (cold start) and 5 (client
    footprint of `kiwigrid watch`) of issue 6 are not here: {pending}.

    {machine.ToMarkdown()}

    {sections.ToString().TrimEnd()}

    """);
Console.WriteLine("wrote " + results);
return 0;
