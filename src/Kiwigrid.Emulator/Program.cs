using System.Runtime.InteropServices;
using Kiwigrid.Emulator.Hosting;

// dotnet run --project src/Kiwigrid.Emulator -- --urls http://127.0.0.1:8080 [options]; see EmulatorCommandLine.Usage.
EmulatorCommandLine commandLine;
try
{
    commandLine = EmulatorCommandLine.Parse(args, Environment.GetEnvironmentVariable, Console.In);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

// ASP.NET Core's per-request lines drown the emulator's own; its warnings and errors still show.
using var loggers = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter("Microsoft", LogLevel.Warning));
KiwigridEmulator emulator;
try
{
    emulator = await KiwigridEmulator.StartAsync(commandLine.Options with { LoggerFactory = loggers }).ConfigureAwait(false);
}
catch (Exception e) when (e is IOException or ArgumentException)
{
    // A port in use, an unreadable dump or an impossible simulation setting.
    Console.Error.WriteLine("The emulator could not start: " + e.Message);
    return 1;
}

await using var stopEmulator = emulator.ConfigureAwait(false);
Console.WriteLine($"Kiwigrid emulator on {emulator.BaseUri} ({emulator.Options.Dialect})");
Console.WriteLine($"  login      POST {emulator.LoginUri}");
Console.WriteLine($"  accounts   {commandLine.DescribeAccounts()}");
Console.WriteLine($"  desktop    {emulator.BaseUri}index.html");
Console.WriteLine($"  event bus  {emulator.BusUri}");
Console.WriteLine($"  local EM   {emulator.LocalDevicesUri}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    // Ctrl+C: fall through to dispose the emulator.
}

return 0;
