using System.Net;
using System.Net.Sockets;
using System.Text;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// <c>kiwigrid serve</c> started while the site cannot be read: a device still booting is waited for, a device that
/// answers as something else is not.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class ServeStartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_waits_for_an_energy_manager_that_is_down_at_start_and_serves_it_once_it_answers()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        var address = ClosedPort();
        var cli = new CliRun { TimeProvider = clock };
        using var stop = new CancellationTokenSource();
        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            var run = cli.RunAsync(stop.Token, "serve", "--local", address.ToString(), "--interval", "5", "--urls", "http://127.0.0.1:0");
            await CommandProgress.UntilAsync(() => cli.Error.Output.Contains("(attempt 2)", StringComparison.Ordinal), run, Patience);

            // The dashboard is up while the device is waited for, and /healthz says why nothing is shown.
            using var http = new HttpClient { BaseAddress = new Uri(cli.Out.Output.Split("Dashboard: ")[1].Split('\n')[0].Trim()) };
            using (var waitingHealth = await http.GetAsync("healthz"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, waitingHealth.StatusCode);
                var reason = await waitingHealth.Content.ReadAsStringAsync();
                Assert.Contains("The site has not been reached yet (Cannot reach the device", reason, StringComparison.Ordinal);
            }

            // Settings cannot be known before the site is open: not "this site offers none".
            using (var waitingSettings = await http.GetAsync("api/settings"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, waitingSettings.StatusCode);
                Assert.Contains("has not been read yet", await waitingSettings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock) with { Urls = [address.GetLeftPart(UriPartial.Authority)] });
            await CommandProgress.UntilAsync(() => cli.Error.Output.Contains("Watching", StringComparison.Ordinal), run, Patience);
            using var servingHealth = await http.GetAsync("healthz");
            Assert.Equal(HttpStatusCode.OK, servingHealth.StatusCode);
            using var servingSettings = await http.GetAsync("api/settings");
            Assert.Equal(HttpStatusCode.NotFound, servingSettings.StatusCode);

            await stop.CancelAsync();
            outcome = await run.WaitAsync(Patience);
        }

        Assert.Equal(ExitCodes.Interrupted, outcome.ExitCode);
        var waiting = outcome.Error.Split('\n').Where(l => l.StartsWith("The site cannot be read yet", StringComparison.Ordinal)).ToList();
        Assert.True(waiting.Count >= 2, outcome.Error);
        Assert.All(waiting, line => Assert.Matches(@"^The site cannot be read yet \(Cannot reach the device at .+\); trying again in [0-9.]+ s \(attempt \d+\)\.$", line));
        Assert.Contains("is a classic SOLARWATT Energy Manager", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_rides_out_a_manager_login_outage_longer_than_the_logins_retries_with_the_password_read_once()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock) with { Manager = ManagerOptions.Default with { LoginOutage = 4 } });
        var cli = new CliRun { TimeProvider = clock, StandardInput = EmulatorOptions.DemoPassword + "\n" };
        using var stop = new CancellationTokenSource();
        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            var run = cli.RunAsync(stop.Token, "serve", "--local", emulator.ManagerUri!.ToString(), "--password-stdin", "--interval", "5", "--urls", "http://127.0.0.1:0");
            await CommandProgress.UntilAsync(() => cli.Error.Output.Contains("Watching", StringComparison.Ordinal), run, Patience);
            await stop.CancelAsync();
            outcome = await run.WaitAsync(Patience);
        }

        Assert.Equal(ExitCodes.Interrupted, outcome.ExitCode);
        Assert.Contains("The site cannot be read yet (", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("is a SOLARWATT Manager", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("found no password", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ends_at_once_when_the_address_answers_as_something_else()
    {
        using var router = new TcpListener(IPAddress.Loopback, 0);
        router.Start();
        var answering = AnswerAsRouterAsync(router);
        var cli = new CliRun();

        var outcome = await cli.RunAsync("serve", "--local", $"http://127.0.0.1:{((IPEndPoint)router.LocalEndpoint).Port}", "--urls", "http://127.0.0.1:0").WaitAsync(Patience);

        Assert.Equal(ExitCodes.ServiceError, outcome.ExitCode);
        Assert.Contains("is not a SOLARWATT device kiwigrid knows", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be read yet", outcome.Error, StringComparison.Ordinal);
        router.Stop();
        await answering.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task AnswerAsRouterAsync(TcpListener listener)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nrouter admin"));
        }
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
