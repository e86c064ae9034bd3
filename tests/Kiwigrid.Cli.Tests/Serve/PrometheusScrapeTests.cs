using System.Diagnostics;
using System.Text.RegularExpressions;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>/metrics</c> judged by Prometheus's own tools: <c>promtool</c>'s checker and a real server scraping it.</summary>
[Trait(TestCategory.Name, TestCategory.Broker)]
public sealed partial class PrometheusScrapeTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Fact]
    public async Task Promtool_finds_no_format_error_and_no_lint_problem_but_the_watt_hours_unit()
    {
        await DebianPackage.EnsureAsync(Promtool, "prometheus");
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();
        var metrics = await served.Http.GetStringAsync("metrics");

        var (exitCode, findings) = await CheckMetricsAsync(metrics);

        // Exit 1 is a format error, 3 lint problems only. The issue asks for energies in watt-hours, which the linter
        // takes for a time unit ("hours"); every other finding is a real problem.
        Assert.True(exitCode is 0 or 3, $"promtool check metrics exited {exitCode}:\n{string.Join('\n', findings)}");
        Assert.All(findings, finding => Assert.Matches(WattHoursFinding(), finding));
        Assert.Equal(exitCode == 3, findings.Count > 0);

        // The same checker rejects a broken exposition, so its silence above means something.
        var (brokenExitCode, _) = await CheckMetricsAsync(metrics.Replace("kiwigrid_up 1", "kiwigrid_up{state=\"live} 1", StringComparison.Ordinal));
        Assert.Equal(1, brokenExitCode);
    }

    [Fact]
    public async Task The_documented_scrape_config_with_authorization_scrapes_serve_behind_an_access_token()
    {
        const string Token = "0123456789abcdef-scrape-token";
        await using var served = await ServedHome.StartAsync(new Dictionary<string, string> { ["KIWIGRID_SERVE_TOKEN"] = Token });
        var tokenFile = Path.Combine(Directory.CreateTempSubdirectory("kiwigrid-scrape-token-").FullName, "token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        var reference = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "SERVE.md"));
        var block = DocumentedScrapeConfig().Match(reference);
        Assert.True(block.Success, "docs/SERVE.md shows a scrape config in a yaml block");
        var config = string.Join('\n', block.Groups["yaml"].Value.Split('\n').Select(line => line.Length >= 2 ? line[2..] : line))
            .Replace("127.0.0.1:8088", served.Url.Authority, StringComparison.Ordinal)
            .Replace("/etc/prometheus/kiwigrid-token", tokenFile, StringComparison.Ordinal);

        try
        {
            await using var prometheus = await PrometheusServer.StartWithScrapeConfigsAsync(config);
            Assert.Equal(1, await prometheus.QuerySingleAsync($"up{{job=\"{PrometheusServer.Job}\"}}"));
            Assert.Equal(1, await prometheus.QuerySingleAsync("kiwigrid_up"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(tokenFile)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_real_prometheus_scrapes_every_sample_and_stores_the_api_values()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();
        await using var prometheus = await PrometheusServer.StartAsync(served.Url);

        Assert.Equal(1, await prometheus.QuerySingleAsync($"up{{job=\"{PrometheusServer.Job}\"}}"));
        var flow = await served.GetJsonAsync("api/energy-flow");
        Assert.Equal(
            flow.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(),
            await prometheus.QuerySingleAsync("kiwigrid_battery_state_of_charge_percent"));
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), await prometheus.QuerySingleAsync("kiwigrid_pv_power_watts"), 0.05);

        // Nothing dropped as a duplicate or an unparsable line: Prometheus holds one series per served sample.
        var servedSamples = PrometheusText.Parse(await served.Http.GetStringAsync("metrics"));
        Assert.Equal(servedSamples.Count, await prometheus.QuerySingleAsync($"count({{job=\"{PrometheusServer.Job}\",__name__=~\"kiwigrid_.+\"}})"));
        var labelled = Assert.Single(await prometheus.QueryAsync("kiwigrid_device_state_of_charge_percent"));
        Assert.Equal("Battery", labelled.Metric.GetProperty("kind").GetString());
    }

    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="exposition"/>; returns its exit code and findings.</summary>
    private static async Task<(int ExitCode, List<string> Findings)> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo(Promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await promtool.WaitForExitAsync(timeout.Token);
        var findings = (await output + await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (promtool.ExitCode, findings);
    }

    [GeneratedRegex("""^kiwigrid_\w+_watt_hours(_total)? use base unit "seconds" instead of "hours"$""")]
    private static partial Regex WattHoursFinding();

    [GeneratedRegex(@"A scrape config[^`]*```yaml\n(?<yaml>.*?)\n *```", RegexOptions.Singleline)]
    private static partial Regex DocumentedScrapeConfig();
}
