using System.Net;
using System.Net.Http.Headers;
using Kiwigrid.Client.Hems;
using Kiwigrid.Emulator.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting.Tests;

/// <summary>A host of one's own with <c>services.AddKiwigrid(…)</c>, <c>MapKiwigridDashboard()</c> and <c>MapKiwigridApi()</c>.</summary>
public sealed class AddKiwigridTests
{
    [Fact]
    public async Task The_api_shows_the_home_as_the_client_reads_it()
    {
        await using var home = await HostedHome.StartAsync();

        var flow = await home.WaitForJsonAsync("api/energy-flow");
        await using var direct = new HemsSiteSource(HemsClient.Create(home.Emulator.UserName, home.Emulator.Password, HemsClientOptions.ForServer(home.Emulator.BaseUri)));
        var read = await direct.GetEnergyFlowAsync();

        // The emulated sun moves between the two reads; within 5 % and 50 W they are the same home.
        var pv = read.PvProduction!.Value.Value;
        Assert.InRange(flow.GetProperty("pvPowerW").GetDouble(), (pv * 0.95) - 50, (pv * 1.05) + 50);
        Assert.Equal(read.BatteryStateOfCharge!.Value.Value, flow.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(), 0.5);
        var devices = await home.WaitForJsonAsync("api/devices");
        Assert.True(devices.GetArrayLength() > 3, devices.ToString());
    }

    [Fact]
    public async Task The_dashboard_health_and_metrics_answer_beside_the_api()
    {
        await using var home = await HostedHome.StartAsync();
        await home.WaitForJsonAsync("api/energy-flow");

        var page = await home.Http.GetStringAsync("");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ok", (await home.WaitForJsonAsync("healthz")).GetProperty("status").GetString());
        Assert.Contains("kiwigrid_pv_power_watts", await home.Http.GetStringAsync("metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_access_tokens_set_a_request_without_one_is_refused()
    {
        const string Token = "kitchen:0123456789abcdef0123";
        await using var home = await HostedHome.StartAsync(o => o.AccessTokens.Add(Token));

        using var refused = await home.Http.GetAsync("api/energy-flow");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        home.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "0123456789abcdef0123");
        Assert.True((await home.WaitForJsonAsync("api/energy-flow")).GetProperty("pvPowerW").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_wrong_setting_stops_the_host_at_start_with_one_log_line()
    {
        await using var home = await HostedHome.StartAsync(o => o.AllowControl = true);

        Assert.True(home.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the host kept running with control but no token");
        Assert.Equal(
            ["Kiwigrid:AllowControl needs an access token, also on this machine alone; set one with Kiwigrid:AccessTokens."],
            home.Log.Where(l => l.Level == LogLevel.Critical).Select(l => l.Message));
    }

    [Fact]
    public async Task A_refused_login_stops_the_host_with_one_line_and_never_logs_the_password()
    {
        const string Wrong = "not-the-demo-password-4711";
        await using var home = await HostedHome.StartAsync(o => o.Source.Password = Wrong);

        Assert.True(home.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the host kept running with a refused login");
        var critical = Assert.Single(home.Log, l => l.Level == LogLevel.Critical);
        Assert.StartsWith("The site cannot be read: ", critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(home.Log, l => l.Message.Contains(Wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_leaves_the_host_up_and_unhealthy()
    {
        var closed = new Uri("http://127.0.0.1:9/");
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatorOptions.Default);
        await using var home = await HostedHome.StartAsync(o => o.Source.Url = closed, emulator);

        await Task.Delay(TimeSpan.FromSeconds(2));
        using var health = await home.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var body = await health.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"unavailable\"", body, StringComparison.Ordinal);
        Assert.Contains("retry", body, StringComparison.Ordinal);
        Assert.DoesNotContain("No snapshot", body, StringComparison.Ordinal);
        using var flow = await home.Http.GetAsync("api/energy-flow");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, flow.StatusCode);
    }
}
