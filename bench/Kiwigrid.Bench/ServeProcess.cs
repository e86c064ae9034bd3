using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kiwigrid.Bench;

/// <summary>
/// A running <c>kiwigrid serve</c> (JIT or NativeAOT, as <see cref="CliBuilds"/> published it) on a free loopback
/// port, reading the legacy cloud of an emulator child process. Its stderr is kept (the last lines) to say why it
/// ended, when it did.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private const int KeptErrorLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _errors = new();
    private readonly Task _draining;

    private ServeProcess(Process process, Uri dashboard)
    {
        _process = process;
        Dashboard = dashboard;
        _draining = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(Stream.Null), KeepErrorsAsync());
    }

    public Uri Dashboard { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code and the last lines serve wrote to stderr.</summary>
    public string Ending
    {
        get
        {
            lock (_errors)
            {
                var code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running";
                return $"exit {code}: {string.Join(" | ", _errors)}";
            }
        }
    }

    /// <summary>
    /// Starts serve polling <paramref name="emulator"/> every <paramref name="intervalSeconds"/>, with
    /// <paramref name="extraArgs"/> after the usual options (e.g. <c>--mqtt URL</c>) and <paramref name="environment"/>
    /// added to its environment (e.g. <c>DOTNET_GCHeapHardLimit</c>), and waits until it listens.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(
        CliBuilds cli,
        bool native,
        Uri emulator,
        int intervalSeconds,
        IEnumerable<string>? extraArgs = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] args =
        [
            "serve", "--cloud", "legacy", "--server", emulator.ToString(), "--urls", "http://127.0.0.1:0",
            "--interval", intervalSeconds.ToString(CultureInfo.InvariantCulture), "--json", .. extraArgs ?? [],
        ];
        var info = cli.StartInfo(native, args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException(info.FileName + " did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        // serve --json prints {"dashboard":URL,"accessToken":false} once it listens.
        if (line is not null && JsonNode.Parse(line)?["dashboard"]?.GetValue<string>() is { } url)
        {
            return new ServeProcess(process, new Uri(url));
        }

        // Closed output: serve is ending by itself (a refused option, a heap too small); let it say why.
        using var ending = new CancellationTokenSource(TimeSpan.FromSeconds(line is null ? 5 : 0));
        try
        {
            await process.WaitForExitAsync(ending.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var ended = $"kiwigrid serve did not start ({(process.HasExited ? "exit " + process.ExitCode : "no address")}): {line} {errors.Trim()}";
        process.Dispose();
        throw new InvalidOperationException(ended);
    }

    /// <summary>Waits until <c>/api/energy-flow</c> answers 200: serve has read the site once.</summary>
    public async Task WaitForFirstSnapshotAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            using var response = await http.GetAsync(new Uri(Dashboard, "api/energy-flow"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("kiwigrid serve read no snapshot in time: " + Ending);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        await _draining;
        _process.Dispose();
    }

    private async Task KeepErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_errors)
            {
                _errors.Enqueue(line);
                if (_errors.Count > KeptErrorLines)
                {
                    _errors.Dequeue();
                }
            }
        }
    }
}
