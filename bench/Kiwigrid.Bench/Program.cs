using System.Globalization;
using System.Text;
using Kiwigrid.Bench;
using Kiwigrid.Testing;

// dotnet run -c Release --project bench/Kiwigrid.Bench -- all   (see bench/README.md and BenchSettings.Usage)
if (args is ["emulator-host", .. var hostArgs])
{
    return await EmulatorHost.RunAsync(hostArgs is [var speed] ? double.Parse(speed, CultureInfo.InvariantCulture) : null);
}

if (args is ["soak", .. var soakArgs])
{
    return await SoakRun.RunAsync(soakArgs);
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
        "coldstart" => ("3. Cold start", await ColdStartBenchmark.RunAsync(settings)),
        "footprint" => ("5. Client footprint", await FootprintBenchmark.RunAsync(settings)),
        "fanout" => ("6. Serve fan-out", await FanoutBenchmark.RunAsync(settings)),
        "smalldevice" => ("7. Small devices", await SmallDeviceBenchmark.RunAsync(settings)),
        _ => ("4. Scale", await ScaleBenchmark.RunAsync(settings)),
    };
    sections.AppendLine("## " + section.Item1).AppendLine().AppendLine(section.Item2).AppendLine();
}

var results = settings.ResultsPath ?? Path.Combine(RepoPaths.Root, "bench", "RESULTS.md");
await File.WriteAllTextAsync(results, $"""
    # Benchmark results

    Written by `dotnet run -c Release --project bench/Kiwigrid.Bench -- {string.Join(' ', args)}` (see bench/README.md);
    do not edit by hand. Ratios compare the two sides of one run on one machine. The machine is shared and has
    few cores: absolute figures vary from run to run, the ratios less so.

    {machine.ToMarkdown()}

    {sections.ToString().TrimEnd()}

    """);
Console.WriteLine("wrote " + results);
return 0;
