using System.CommandLine;
using System.Runtime.InteropServices;
using Kiwigrid.Emulator.Hosting;

// dotnet run --project src/Kiwigrid.Emulator -- --urls http://127.0.0.1:8080 [options]; see --help.
var emulatorOptions = new EmulatorCommandOptions();
var root = new RootCommand(EmulatorCommandOptions.Description);
emulatorOptions.AddTo(root);
root.SetAction((parseResult, _) => RunAsync(parseResult));
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine(UsageError.Describe(parsed, EmulatorCommandOptions.ProgramName));
    return 2;
}

// --help is System.CommandLine's; signals are the emulator's own (below), so that Ctrl+C disposes it.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);

async Task<int> RunAsync(ParseResult parseResult)
{
    EmulatorCommandLine commandLine;
    try
    {
        commandLine = emulatorOptions.Read(parseResult, Environment.GetEnvironmentVariable, Console.In);
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    // ASP.NET Core's per-request lines drown the emulator's own; its warnings and errors still show, except the host's
    // start failure, which is the exception reported below as one sentence (its log entry is a stack trace).
    using var loggers = LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None));
    KiwigridEmulator emulator;
    try
    {
        emulator = await KiwigridEmulator.StartAsync(commandLine.Options with { LoggerFactory = loggers }).ConfigureAwait(false);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"--urls cannot be bound ({e.Message.TrimEnd('.')}); pick another port.");
        return 2;
    }
    catch (ArgumentException e)
    {
        // An unreadable dump or an impossible simulation setting.
        Console.Error.WriteLine("The emulator could not start: " + e.Message);
        return 1;
    }

    await using var stopEmulator = emulator.ConfigureAwait(false);
    foreach (var line in EmulatorBanner.Lines(emulator, commandLine.DescribeAccounts()))
    {
        Console.WriteLine(line);
    }

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
}
