using Kiwigrid.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// A real Mosquitto (Debian's <c>mosquitto</c>) on a free loopback port, configured by a file written here: no
/// persistence, so a restart forgets every retained message and only re-publishing brings them back. Killed, not
/// stopped, so clients see the broker vanish as they would on a crash. With <see cref="BrokerTls"/> it speaks only
/// TLS (<c>mqtts://</c>).
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";
    private readonly string _directory = Directory.CreateTempSubdirectory("kiwigrid-mosquitto-").FullName;
    private Process? _process;

    private MosquittoBroker(int port, bool tls)
    {
        Port = port;
        Uri = new($"{(tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri Uri { get; }

    /// <summary>
    /// Starts a broker; with <paramref name="user"/> it refuses anonymous clients and knows that one user, with
    /// <paramref name="tls"/> it accepts only TLS, presenting that certificate.
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync((string Name, string Password)? user = null, BrokerTls? tls = null)
    {
        await DebianPackage.EnsureAsync(Executable, "mosquitto");

        var broker = new MosquittoBroker(FreePort(), tls is not null);
        var config = $"listener {broker.Port} 127.0.0.1\npersistence false\nlog_dest stderr\n";

        // Started as root, mosquitto drops to its own user before reading its files.
        MakeReadable(broker._directory, directory: true);
        if (user is var (name, password))
        {
            var passwords = Path.Combine(broker._directory, "passwd");
            await RunAsync("/usr/bin/mosquitto_passwd", "-b", "-c", passwords, name, password);
            MakeReadable(passwords, directory: false);
            config += $"allow_anonymous false\npassword_file {passwords}\n";
        }
        else
        {
            config += "allow_anonymous true\n";
        }

        if (tls is not null)
        {
            config += $"cafile {broker.Copy(tls.CaFile, "ca.pem")}\ncertfile {broker.Copy(tls.CertificateFile, "server.pem")}\nkeyfile {broker.Copy(tls.KeyFile, "server.key")}\n";
        }

        await File.WriteAllTextAsync(Path.Combine(broker._directory, "mosquitto.conf"), config);
        await broker.StartProcessAsync();
        return broker;
    }

    /// <summary>Kills the broker (no clean shutdown, no DISCONNECT to anyone) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>A new broker process on the same port, with nothing retained.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Executable, ["-c", Path.Combine(_directory, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        _process = process;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);

        // Mosquitto logs "... running" once its listener is open (stderr: unbuffered, unlike its stdout into a pipe).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (line.EndsWith(" running", StringComparison.Ordinal))
            {
                // Keep draining its log so the pipe never fills and blocks it.
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                return;
            }
        }

        throw new InvalidOperationException("mosquitto exited before listening: " + string.Join(" | ", seen));
    }

    private string Copy(string file, string name)
    {
        var copy = Path.Combine(_directory, name);
        File.Copy(file, copy);
        MakeReadable(copy, directory: false);
        return copy;
    }

    private static void MakeReadable(string path, bool directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            var everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(path, directory ? everyone | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : everyone);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {error}");
        }
    }
}

/// <summary>What a TLS broker is configured with: the CA it names and its own certificate and key, as PEM files.</summary>
internal sealed record BrokerTls(string CaFile, string CertificateFile, string KeyFile);
