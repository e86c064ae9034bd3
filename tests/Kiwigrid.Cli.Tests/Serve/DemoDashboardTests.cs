using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>kiwigrid demo</c> serves the dashboard too.</summary>
public sealed partial class DemoDashboardTests
{
    [Fact]
    public async Task Demo_prints_the_dashboard_url_and_serves_the_page_there()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cli = new CliRun { TimeProvider = clock };
        using var stop = new CancellationTokenSource();
        var run = cli.RunAsync(stop.Token, "demo", "--interval", "5");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        Match url;
        while (!(url = DashboardLine().Match(cli.Out.Output)).Success)
        {
            Assert.False(run.IsCompleted || DateTime.UtcNow > deadline, "demo printed no dashboard URL: " + cli.Error.Output);
            await Task.Delay(20);
        }

        using var http = new HttpClient();
        var page = await http.GetStringAsync(url.Groups[1].Value);
        Assert.Contains("<svg id=\"flow\"", page, StringComparison.Ordinal);
        // 503 until the demo's first poll.
        string devices;
        while (true)
        {
            using var response = await http.GetAsync(url.Groups[1].Value + "api/devices");
            if (response.IsSuccessStatusCode)
            {
                devices = await response.Content.ReadAsStringAsync();
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the demo's dashboard got the home's devices");
            await Task.Delay(20);
        }

        Assert.Contains("\"kind\":\"Battery\"", devices, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, (await run.WaitAsync(TimeSpan.FromSeconds(20))).ExitCode);
    }

    [GeneratedRegex(@"dashboard\s+(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex DashboardLine();
}
