using System.Net;
using System.Net.Http.Headers;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>The JSON API, <c>/healthz</c>, server-sent events and the access token of <c>kiwigrid serve</c>.</summary>
public sealed class ServeApiTests
{
    private const string Token = "0123456789abcdef-test-token";

    [Fact]
    public async Task Devices_are_listed_and_served_one_by_one_and_an_unknown_guid_is_404()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();

        var devices = (await served.GetJsonAsync("api/devices")).EnumerateArray().ToList();
        Assert.Contains(devices, d => d.GetProperty("kind").GetString() == "Battery" && d.GetProperty("stateOfChargePercent").GetDouble() is > 0 and <= 100);
        var site = devices.First(d => d.GetProperty("kind").GetString() == "Location");
        var guid = site.GetProperty("guid").GetString()!;

        var device = await served.GetJsonAsync("api/devices/" + Uri.EscapeDataString(guid));
        Assert.Equal(guid, device.GetProperty("guid").GetString());
        var flow = await served.GetJsonAsync("api/energy-flow");
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), device.GetProperty("tags").GetProperty("PowerProduced").GetProperty("value").GetDouble());
        Assert.Equal("W", device.GetProperty("tags").GetProperty("PowerProduced").GetProperty("unit").GetString());

        using var missing = await served.Http.GetAsync("api/devices/urn:nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("urn:nothing", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Energy_flow_says_when_the_site_measured_when_the_server_read_and_what_time_the_server_has()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();
        served.Clock.Advance(TimeSpan.FromSeconds(3));

        var flow = await served.GetJsonAsync("api/energy-flow");
        Assert.Equal(DateTimeOffset.Parse(await served.LastUpdateAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture), flow.GetProperty("readAt").GetDateTimeOffset());
        Assert.Equal(served.Clock.GetUtcNow(), flow.GetProperty("serverTime").GetDateTimeOffset());
        Assert.False(flow.GetProperty("stale").GetBoolean());
        // The emulated Energy Manager stamps its tags, as the real one does: time is its measurement time.
        Assert.Equal(flow.GetProperty("measuredAt").GetDateTimeOffset(), flow.GetProperty("time").GetDateTimeOffset());

        served.Clock.Advance(TimeSpan.FromSeconds(1));
        var health = await served.GetJsonAsync("healthz");
        Assert.Equal(served.Clock.GetUtcNow(), health.GetProperty("watch").GetProperty("serverTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task Healthz_is_ok_while_fresh_and_503_with_the_reason_once_the_cloud_is_lost_and_metrics_say_down()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();
        using (var healthy = await served.Http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        // A dashboard connected now gets pushed the lost connection.
        using var events = await served.Http.GetStreamAsync("api/events");
        using var reader = new StreamReader(events);

        await served.StopEmulatorAsync();
        await served.AdvanceUntilAsync(async () =>
        {
            using var response = await served.Http.GetAsync("healthz");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "healthz to report the lost connection");

        var health = await served.GetJsonAsync("healthz", HttpStatusCodeExpectation.Any);
        Assert.Equal("unavailable", health.GetProperty("status").GetString());
        Assert.Contains("connection to the site is lost", health.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("interrupted", health.GetProperty("watch").GetProperty("state").GetString());
        var metrics = PrometheusText.Parse(await served.Http.GetStringAsync("metrics"));
        Assert.Equal(0, Assert.Single(metrics, s => s.Name == "kiwigrid_up").Value);

        var seen = new List<string>();
        string? line;
        while ((line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10))) is not null)
        {
            seen.Add(line);
            if (line.StartsWith("data: {\"state\":\"interrupted\"", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Equal("event: hello", seen.First(l => l.StartsWith("event:", StringComparison.Ordinal)));
        Assert.Contains("event: status", seen);
    }

    [Fact]
    public async Task The_banner_with_an_access_token_fits_80_columns()
    {
        await using var served = await ServedHome.StartAsync(new Dictionary<string, string> { ["KIWIGRID_SERVE_TOKEN"] = Token });
        served.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await served.WaitForFirstSnapshotAsync();

        var lines = served.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.Contains("Authorization: Bearer <token>", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("?token=<token>", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
    }

    [Fact]
    public async Task With_an_access_token_every_endpoint_but_the_health_check_needs_it_as_bearer_or_query()
    {
        await using var served = await ServedHome.StartAsync(new Dictionary<string, string> { ["KIWIGRID_SERVE_TOKEN"] = Token });
        using var anonymous = new HttpClient { BaseAddress = served.Url };
        foreach (var path in new[] { "", "api/energy-flow", "api/devices", "metrics", "api/events" })
        {
            using var refused = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            using var wrong = await anonymous.GetAsync(path + "?token=0123456789abcdef-test-tokeX");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        served.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await served.WaitForFirstSnapshotAsync();
        var flow = await served.GetJsonAsync("api/energy-flow");
        Assert.True(flow.GetProperty("pvPowerW").GetDouble() > 0);

        // A health check (a load balancer, Docker's HEALTHCHECK) carries no token: it learns up or down, nothing else.
        using var health = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
        var withToken = await served.GetJsonAsync("healthz");
        Assert.Equal("live", withToken.GetProperty("watch").GetProperty("state").GetString());

        using var page = await anonymous.GetAsync("?token=" + Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<svg id=\"flow\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, served.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_beyond_loopback_without_a_token_is_refused_with_a_sentence()
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--urls", "http://0.0.0.0:0");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains("reachable from other machines", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("KIWIGRID_SERVE_TOKEN", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8088", "--urls takes http://host:port")]
    [InlineData("http://127.0.0.1:8088/dash", "--urls takes http://host:port")]
    public async Task A_bad_listen_address_is_a_usage_error(string urls, string sentence)
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--urls", urls);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains(sentence, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_token_is_refused()
    {
        var run = new CliRun().WithDemoUser();
        run.Environment["KIWIGRID_SERVE_TOKEN"] = "short";
        var outcome = await run.RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains("shorter than 16 characters", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short", outcome.Error.Replace("shorter", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_today_only_and_at_most_its_capacity()
    {
        var history = new Kiwigrid.Hosting.ReadingHistory(TimeZoneInfo.Utc, capacity: 3);
        var morning = new DateTimeOffset(2025, 6, 21, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            history.Add(new(morning.AddMinutes(i), i, null, null, null));
        }

        Assert.Equal([2.0, 3, 4], history.ToList().Select(p => p.Pv!.Value));
        history.Add(new(morning.AddDays(1), 9, null, null, null));
        Assert.Equal(9, Assert.Single(history.ToList()).Pv);
    }
}
