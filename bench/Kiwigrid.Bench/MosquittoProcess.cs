using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// Debian's <c>mosquitto</c> on a free loopback port, anonymous, without persistence, its configuration in a
/// temporary directory: the broker serve's MQTT publisher talks to in the fan-out and small-device benchmarks.
/// </summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _directory;

    private MosquittoProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<MosquittoProcess> StartAsync()
    {
        await DebianPackage.EnsureAsync(Executable, "mosquitto");
        var directory = Directory.CreateTempSubdirectory("kiwigrid-bench-mosquitto-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\npersistence false\nlog_dest stderr\nallow_anonymous true\n");
        // Started as root, mosquitto drops to its own user before reading its configuration.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(config, (UnixFileMode)0b110_100_100);
        }

        var process = Process.Start(new ProcessStartInfo(Executable, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start.");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // Mosquitto logs "... running" on stderr once its listener is open.
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.EndsWith(" running", StringComparison.Ordinal))
            {
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                return new MosquittoProcess(process, directory, port);
            }
        }

        throw new InvalidOperationException("mosquitto exited before listening.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
