using System.Runtime.InteropServices;
using Kiwigrid.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the running command, which then cleans up and exits with 130.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await KiwigridCli.RunAsync(args, CliContext.ForProcess(), interrupted.Token).ConfigureAwait(false);
