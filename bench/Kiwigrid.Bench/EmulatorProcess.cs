using System.Diagnostics;
using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>An emulator running in a child process (this program with <c>emulator-host</c>); see <see cref="EmulatorHost"/>.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    /// <param name="speed">Simulated seconds per real second; null for the emulator's default (real time).</param>
    public static async Task<EmulatorProcess> StartAsync(double? speed = null)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        }

        info.ArgumentList.Add("emulator-host");
        if (speed is { } factor)
        {
            info.ArgumentList.Add(factor.ToString(CultureInfo.InvariantCulture));
        }

        // The emulator as it is shipped (Microsoft.NET.Sdk.Web): server GC.
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment[BusTokenSecret.EnvironmentVariable] = BusTokenSecret.Hex;
        var process = Process.Start(info) ?? throw new InvalidOperationException("The emulator process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("The emulator process did not report its address: " + line);
        }

        return new EmulatorProcess(process, new Uri(line["listening on ".Length..]));
    }

    /// <summary>The emulator's managed heap and working set, in bytes, after a full collection in that process.</summary>
    public async Task<(long Heap, long WorkingSet)> MeasureMemoryAsync()
    {
        await _process.StandardInput.WriteLineAsync("mem");
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The emulator process ended.");
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
