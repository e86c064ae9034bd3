using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>The dashboard in a real headless Chromium (Debian's), served against the emulated home.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed partial class DashboardBrowserTests(ITestOutputHelper output)
{
    /// <summary>Where the screenshots are kept (printed by the test).</summary>
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard");

    [Fact]
    public async Task Dashboard_shows_the_api_values_follows_the_simulation_and_shows_stale_data_and_a_lost_cloud_connection()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();

        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var scriptErrors = CollectScriptErrors(page);

            // The page's own clock, so its stale check can be moved past its threshold without waiting for it.
            await page.Clock.InstallAsync();
            await page.GotoAsync(served.Url.ToString());
            await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "live");
            var first = await AssertShowsTheApiValuesAsync(page, served);
            // The morning from the cloud's history: the 40 quarter hours from midnight to the first reading (10:00).
            await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-averages", "40");
            var morning = (await page.Locator("#chart polyline.pv").GetAttributeAsync("points"))!.Split(' ');
            Assert.True(morning.Length > 40, "the PV line runs through the morning's quarter hours");
            // The first average is drawn at the middle of its quarter hour, 00:07:30 (7.5 min of 1440 across 640).
            Assert.StartsWith("3.3,", morning[0], StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#chart .live-start")).ToHaveCountAsync(1);
            await AssertShowsTodayAsync(page, served);
            await ScreenshotAsync(page, "light-desktop");

            // Half an hour of simulated time later (the simulation runs 60 times faster than the clock).
            await served.AdvancePollsAsync(6);
            var later = await AssertShowsTheApiValuesAsync(page, served);
            Assert.NotEqual(first, later);
            await AssertShowsTodayAsync(page, served);
            Assert.True(await page.Locator("#chart polyline.pv").GetAttributeAsync("points") is { } points && points.Split(' ').Length >= 2, "the chart draws a PV line through the points seen");

            // Polls stop (the server's clock stands still): live until two poll intervals (2 × 5 s) pass, stale after.
            // Read at once, not awaited with retries: fast-forwarding runs the page's status timer before it returns,
            // and the page's time keeps flowing, so a retried check would pass for a later threshold too.
            var status = page.Locator("#status");
            await page.Clock.FastForwardAsync(5_000);
            Assert.Equal("live", await status.GetAttributeAsync("data-state"));
            await page.Clock.FastForwardAsync(6_000);
            Assert.Equal("stale", await status.GetAttributeAsync("data-state"));
            Assert.Matches(StaleText(), await page.Locator("#status-text").TextContentAsync());
            await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(StaleData());
            await ScreenshotAsync(page, "light-stale");
            // The next poll brings it back.
            await served.AdvancePollsAsync(1);
            await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "live");
            await Assertions.Expect(page.Locator("body")).Not.ToHaveClassAsync(StaleData());
            await AssertShowsTheApiValuesAsync(page, served);

            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await page.SetViewportSizeAsync(390, 844);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "nothing overflows a phone's width");
            Assert.NotEqual("rgb(243, 245, 247)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
            await ScreenshotAsync(page, "dark-phone");
            await page.SetViewportSizeAsync(1920, 1080);
            await ScreenshotAsync(page, "dark-wall");

            await served.StopEmulatorAsync();
            await served.AdvanceUntilAsync(async () => await page.Locator("#status").GetAttributeAsync("data-state") == "cloud-lost", "the page to show the lost connection");
            await Assertions.Expect(page.Locator("#status-text")).ToContainTextAsync("Connection to the cloud lost");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await page.SetViewportSizeAsync(1280, 900);
            await ScreenshotAsync(page, "light-cloud-lost");

            Assert.Empty(scriptErrors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_page_opened_on_an_old_reading_shows_it_stale_at_once_judged_on_the_server_clock_not_its_own()
    {
        // A feed as serve keeps it, with one reading of a real Energy Manager's devices, on a clock the test moves.
        var serverClock = new FakeTimeProvider(EmulatedHome.Noon);
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), serverClock);
        var devices = DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json")));
        var readAt = serverClock.GetUtcNow();
        feed.Apply(new DeviceSnapshot(readAt, devices, [], IsFirst: true, AfterReconnect: false));
        await using var server = await DashboardServer.StartAsync(ListenAddress.ParseList("http://127.0.0.1:0"), token: null, feed, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.DashboardUri };

        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var scriptErrors = CollectScriptErrors(page);
            // The browser's clock is an hour ahead of the server's and stands still: all the page shows comes from
            // what the server sends, and a page that trusted its own clock would call the fresh reading an hour old.
            await page.Clock.SetFixedTimeAsync(readAt.AddHours(1).UtcDateTime);
            var status = page.Locator("#status");

            await page.GotoAsync(server.DashboardUri.ToString());
            await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "live");
            await Assertions.Expect(page.Locator("#pv-power")).Not.ToHaveTextAsync("—");

            // Ten minutes without a poll (the watch hangs), then the page is opened again.
            serverClock.Advance(TimeSpan.FromMinutes(10));
            var flow = await GetJsonAsync(http, "api/energy-flow");
            Assert.True(flow.GetProperty("stale").GetBoolean());
            Assert.Equal(readAt, flow.GetProperty("readAt").GetDateTimeOffset());
            Assert.Equal(serverClock.GetUtcNow(), flow.GetProperty("serverTime").GetDateTimeOffset());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, flow.GetProperty("measuredAt").ValueKind);

            await page.ReloadAsync();
            await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "stale");
            await Assertions.Expect(page.Locator("#status-text")).ToHaveTextAsync("Stale · no update for 10 min");
            await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(StaleData());
            // The old figures are still shown (dimmed), with the time they are from.
            await Assertions.Expect(page.Locator("#pv-power")).Not.ToHaveTextAsync("—");
            await Assertions.Expect(page.Locator("#last-update")).ToHaveAttributeAsync("datetime", flow.GetProperty("time").GetString()!);
            // No moving dashes on old figures; no EV node for a site without a charging station; one reading is no
            // line yet, and the chart says so.
            await Assertions.Expect(page.Locator("#line-pv")).ToHaveClassAsync(FlowOn());
            await Assertions.Expect(page.Locator("#line-pv")).ToHaveCSSAsync("animation-name", "none");
            await Assertions.Expect(page.Locator("#ev-node")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("#ev-label")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("#chart-empty")).ToBeVisibleAsync();
            // Without the cloud's history the totals count from the first reading, and the card says since when.
            await Assertions.Expect(page.Locator("#today-title")).ToHaveTextAsync(new Regex("^Energy since \\d"));
            await Assertions.Expect(page.Locator("#today-produced")).ToHaveTextAsync("0.00\u00a0kWh");
            await ScreenshotAsync(page, "light-stale-on-load");

            // A new reading makes it live again without a reload.
            feed.Apply(new DeviceSnapshot(serverClock.GetUtcNow(), devices, [], IsFirst: false, AfterReconnect: false));
            await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "live");
            await Assertions.Expect(page.Locator("body")).Not.ToHaveClassAsync(StaleData());
            await Assertions.Expect(page.Locator("#line-pv")).ToHaveCSSAsync("animation-name", "flow");
            await Assertions.Expect(page.Locator("#chart-empty")).ToBeHiddenAsync();
            Assert.True(await page.Locator("#chart polyline.pv").GetAttributeAsync("points") is { } points && points.Split(' ').Length == 2, "the chart draws the two readings");
            Assert.Empty(scriptErrors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Debian's Chromium, headless, light, at a laptop's size.</summary>
    internal static async Task<IBrowserContext> LaunchAsync(IPlaywright playwright, DirectoryInfo profile)
    {
        var chromium = await DebianPackage.EnsureAsync("/usr/bin/chromium", "chromium");
        Directory.CreateDirectory(Artifacts);
        return await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new() { Width = 1280, Height = 900 },
            // The served clock's zone: the chart shows the day of the server's readings in the browser's zone.
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
        });
    }

    /// <summary>Script errors and console errors of <paramref name="page"/>, collected as they happen.</summary>
    private static List<string> CollectScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    /// <summary>Waits until the page shows the snapshot the API serves, then compares every figure.</summary>
    private static async Task<string> AssertShowsTheApiValuesAsync(IPage page, ServedHome served)
    {
        var flow = await served.GetJsonAsync("api/energy-flow");
        await Assertions.Expect(page.Locator("#last-update")).ToHaveAttributeAsync("datetime", flow.GetProperty("time").GetString()!);

        var pv = await page.Locator("#pv-power").TextContentAsync();
        var house = await page.Locator("#house-power").TextContentAsync();
        var grid = await page.Locator("#grid-power").TextContentAsync();
        var gridLabel = await page.Locator("#grid-label").TextContentAsync();
        var battery = await page.Locator("#battery-power").TextContentAsync();
        var soc = await page.Locator("#battery-soc").TextContentAsync();
        var selfSufficiency = await page.Locator("#self-sufficiency").TextContentAsync();
        var ev = await page.Locator("#ev-power").TextContentAsync();

        AssertWatts(flow.GetProperty("pvPowerW").GetDouble(), pv);
        AssertWatts(flow.GetProperty("housePowerW").GetDouble(), house);
        var gridPower = flow.GetProperty("grid").GetProperty("powerW").GetDouble();
        AssertWatts(Math.Abs(gridPower), grid);
        Assert.Contains(gridPower > 0.5 ? "import" : gridPower < -0.5 ? "export" : "Grid", gridLabel, StringComparison.Ordinal);
        AssertWatts(Math.Abs(flow.GetProperty("battery").GetProperty("powerW").GetDouble()), battery);
        Assert.Equal($"{Math.Round(flow.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(), MidpointRounding.AwayFromZero)} %", soc);
        Assert.Equal($"{Math.Round(flow.GetProperty("selfSufficiency").GetDouble() * 100, MidpointRounding.AwayFromZero)} %", selfSufficiency);
        AssertWatts(flow.GetProperty("ev").GetProperty("powerW").GetDouble(), ev);

        var devices = await served.GetJsonAsync("api/devices");
        var visible = devices.EnumerateArray().Count(d => d.GetProperty("visible").GetBoolean());
        Assert.Equal(visible, await page.Locator("#devices tr").CountAsync());
        return string.Join(" | ", pv, house, grid, battery, soc, selfSufficiency);
    }

    /// <summary>The "Energy today" card shows the API's totals, in kWh and %.</summary>
    private static async Task AssertShowsTodayAsync(IPage page, ServedHome served)
    {
        var today = (await served.GetJsonAsync("api/energy-flow")).GetProperty("today");
        Assert.True(today.GetProperty("wholeDay").GetBoolean());
        await Assertions.Expect(page.Locator("#today-title")).ToHaveTextAsync("Energy today");
        await Assertions.Expect(page.Locator("#today-produced")).ToHaveTextAsync(Kwh(today.GetProperty("producedWh").GetDouble()));
        await Assertions.Expect(page.Locator("#today-consumed")).ToHaveTextAsync(Kwh(today.GetProperty("consumedWh").GetDouble()));
        await Assertions.Expect(page.Locator("#today-bought")).ToHaveTextAsync(Kwh(today.GetProperty("boughtWh").GetDouble()));
        await Assertions.Expect(page.Locator("#today-charged")).ToHaveTextAsync(Kwh(today.GetProperty("chargedWh").GetDouble()));
        await Assertions.Expect(page.Locator("#today-self-sufficiency")).ToHaveTextAsync(
            $"{Math.Round(today.GetProperty("selfSufficiencyPercent").GetDouble(), MidpointRounding.AwayFromZero)} %");
    }

    /// <summary>How the dashboard writes an energy: "8.42 kWh", from 10 kWh on "12.3 kWh".</summary>
    private static string Kwh(double wh) =>
        (wh / 1000).ToString(Math.Abs(wh) < 10000 ? "F2" : "F1", CultureInfo.InvariantCulture) + "\u00a0kWh";

    /// <summary>"812 W" or "2.35 kW": within the rounding of what is shown.</summary>
    private static void AssertWatts(double expected, string? shown)
    {
        var match = WattsText().Match(shown ?? string.Empty);
        Assert.True(match.Success, $"'{shown}' is a power");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * (match.Groups[2].Value == "kW" ? 1000 : 1);
        Assert.True(Math.Abs(value - expected) <= (match.Groups[2].Value == "kW" ? 5 : 0.5), $"shown '{shown}', the API says {expected} W");
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Artifacts, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    [GeneratedRegex(@"^Stale · no update for 1[12] s$")]
    private static partial Regex StaleText();

    [GeneratedRegex(@"\bon\b")]
    private static partial Regex FlowOn();

    [GeneratedRegex(@"\bstale-data\b")]
    private static partial Regex StaleData();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s(k?W)$")]
    private static partial Regex WattsText();
}
