using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiwigrid.Bench;

/// <summary>
/// A peer bridge of the bus benchmark (Node.js or Java) in a child process: it prints <c>listening on port N</c> once
/// it accepts connections and exits when its stdin closes, so it never outlives the benchmark.
/// </summary>
internal sealed partial class BusPeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private BusPeerProcess(Process process) => _process = process;

    public int Port { get; private set; }

    public int ProcessId => _process.Id;

    public static async Task<BusPeerProcess> StartAsync(string file, string directory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start.");
        var peer = new BusPeerProcess(process);
        var portSeen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (peer._output)
            {
                peer._output.Add(line);
            }

            if (PortLine().Match(line) is { Success: true } match)
            {
                portSeen.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var first = await Task.WhenAny(portSeen.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != portSeen.Task)
        {
            await peer.DisposeAsync();
            string output;
            lock (peer._output)
            {
                output = string.Join('\n', peer._output.TakeLast(5));
            }

            throw new InvalidOperationException($"{file} did not report its port: {output}");
        }

        peer.Port = await portSeen.Task;
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on port (\d+)")]
    private static partial Regex PortLine();
}
