using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Kiwigrid.Testing;

/// <summary>
/// A Node.js script from <c>tests/peers</c> running as a child process. The script prints
/// <c>listening on port N</c> once it accepts connections; everything it prints is kept for failure messages.
/// </summary>
internal sealed partial class NodePeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodePeer(Process process) => _process = process;

    /// <summary>The port the peer listens on, when it reported one.</summary>
    public int Port { get; private set; }

    /// <summary>Everything the peer printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>What to run by hand when the tests cannot install the peers themselves (README, "Tests").</summary>
    public const string ManualInstall = "npm ci --prefix tests/peers";

    /// <summary>Installs the peers' npm packages once per clone (npm ci), if they are missing.</summary>
    /// <exception cref="InvalidOperationException">They cannot be installed; the message says what to run.</exception>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(RepoPaths.Peers, "node_modules")))
            {
                return;
            }

            int exitCode;
            string output;
            try
            {
                (exitCode, output) = await RunAsync("npm", "ci --no-audit --no-fund", RepoPaths.Peers);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                (exitCode, output) = (-1, "there is no npm on this machine; install Node.js with npm");
            }

            if (exitCode != 0)
            {
                var reason = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exitCode}";
                throw new InvalidOperationException($"The Node.js peers in tests/peers are missing and cannot be installed ({reason}): run `{ManualInstall}` first.");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Starts <c>node script args…</c> in <c>tests/peers</c>; waits for its port unless it is a one-shot script.</summary>
    public static async Task<NodePeer> StartAsync(string script, IEnumerable<string> args, bool waitForPort = true)
    {
        await EnsureInstalledAsync();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var peer = new NodePeer(process);
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

            var match = PortLine().Match(line);
            if (match.Success)
            {
                portSeen.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitForPort)
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(portSeen.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
            if (first != portSeen.Task)
            {
                await peer.DisposeAsync();
                throw new InvalidOperationException($"node {script} did not report its port:\n{peer.Output}");
            }

            peer.Port = await portSeen.Task;
        }

        return peer;
    }

    /// <summary>Waits for a one-shot script to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node peer still running after {timeout}:\n{Output}");
        }

        // The asynchronous readers may still hold the last lines; WaitForExit() without a timeout drains them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"listening on port (\d+)")]
    private static partial Regex PortLine();
}
