using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>) on a free loopback port, scraping one target every second into a
/// temporary TSDB. Started by the test, not the package's system service, which is never used.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Job = "kiwigrid";
    private const string Executable = "/usr/bin/prometheus";

    private readonly string _directory;
    private readonly Process _process;
    private readonly List<string> _log = [];
    private Task _logReader = Task.CompletedTask;

    private PrometheusServer(string directory, Process process, Uri url)
    {
        _directory = directory;
        _process = process;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
    }

    public HttpClient Http { get; }

    /// <summary>What Prometheus logged so far, for a failing assertion's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> and waits until it serves queries.</summary>
    public static Task<PrometheusServer> StartAsync(Uri target) => StartWithScrapeConfigsAsync($"""
        scrape_configs:
          - job_name: {Job}
            static_configs:
              - targets: ["{target.Authority}"]
        """);

    /// <summary>
    /// Starts Prometheus with <paramref name="scrapeConfigs"/> (a <c>scrape_configs:</c> section, job <see cref="Job"/>)
    /// under a global section that scrapes every second, and waits until it serves queries.
    /// </summary>
    public static async Task<PrometheusServer> StartWithScrapeConfigsAsync(string scrapeConfigs)
    {
        await DebianPackage.EnsureAsync(Executable, "prometheus");
        var directory = Directory.CreateTempSubdirectory("kiwigrid-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n" + scrapeConfigs);
        var port = FreePort();
        var start = new ProcessStartInfo(Executable,
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        var server = new PrometheusServer(directory, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            await server.ReadLogUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs an instant query; returns each series' labels and value.</summary>
    public async Task<List<(JsonElement Metric, double Value)>> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode && body.GetProperty("status").GetString() == "success", $"query {promql}: {body}");
        return [.. body.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric"),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Queries until <paramref name="promql"/> returns one series, at most 8 s: Prometheus applies its scrape
    /// configuration on a 5 s tick, so the first scrape lands 5 to 6 s after it starts, then one every second.
    /// </summary>
    public async Task<double> QuerySingleAsync(string promql)
    {
        var deadline = DateTime.UtcNow.AddSeconds(8);
        while (true)
        {
            var result = await QueryAsync(promql);
            if (result.Count == 1)
            {
                return result[0].Value;
            }

            Assert.True(result.Count == 0 && DateTime.UtcNow < deadline, $"{promql} returned {result.Count} series in time; prometheus log:\n{Log}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _logReader;
        _process.Dispose();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Prometheus logs "Server is ready to receive web requests." once its TSDB and HTTP API are up.</summary>
    private async Task ReadLogUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        while (await _process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            lock (_log)
            {
                _log.Add(line);
            }

            if (line.Contains("Server is ready to receive web requests.", StringComparison.Ordinal))
            {
                _logReader = KeepReadingLogAsync();
                return;
            }
        }

        throw new InvalidOperationException("prometheus exited before it was ready:\n" + Log);
    }

    /// <summary>Keeps the log for failure messages, and the pipe drained so Prometheus never blocks on it.</summary>
    private async Task KeepReadingLogAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
