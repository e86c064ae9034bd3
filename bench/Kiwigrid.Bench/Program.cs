using System.Globalization;
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
var sections = new List<(string Title, string Body)>();
foreach (var benchmark in settings.Benchmarks)
{
    sections.Add(benchmark switch
    {
        "decode" => ("1. Decode", await DecodeBenchmark.RunAsync(settings)),
        "bus" => ("2. Bus round trips", await RoundTripBenchmark.RunAsync(settings)),
        "coldstart" => ("3. Cold start", await ColdStartBenchmark.RunAsync(settings)),
        "footprint" => ("5. Client footprint", await FootprintBenchmark.RunAsync(settings)),
        "fanout" => ("6. Serve fan-out", await FanoutBenchmark.RunAsync(settings)),
        "smalldevice" => ("7. Small devices", await SmallDeviceBenchmark.RunAsync(settings)),
        _ => ("4. Scale", await ScaleBenchmark.RunAsync(settings)),
    });
}

var results = settings.ResultsPath ?? Path.Combine(RepoPaths.Root, "bench", "RESULTS.md");
var existing = File.Exists(results) ? await File.ReadAllTextAsync(results) : null;
var command = $"dotnet run -c Release --project bench/Kiwigrid.Bench -- {string.Join(' ', args)}";
await File.WriteAllTextAsync(results, ResultsFile.Write(existing, settings.IsWholeRun, command, machine, sections));
Console.WriteLine("wrote " + results);
return 0;
