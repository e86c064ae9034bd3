using Microsoft.Playwright;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>The dashboard marks figures that break the energy balance, and keeps still for reduced motion.</summary>
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task A_site_whose_figures_break_the_energy_balance_is_marked_next_to_the_flow()
    {
        await using var broken = await OneReadingServer.StartAsync("solarwatt-em-1.json", token: null);
        await using var balanced = await OneReadingServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();

            await page.GotoAsync(broken.Url.ToString());
            var gap = page.Locator("#balance-gap");
            await Assertions.Expect(gap).ToBeVisibleAsync();
            await Assertions.Expect(gap).ToContainTextAsync("Battery discharging is 0 W, but 11 W flow out of the battery (11 W apart).");
            await ScreenshotAsync(page, "balance-gap");

            await page.GotoAsync(balanced.Url.ToString());
            await Assertions.Expect(page.Locator("#pv-power")).Not.ToHaveTextAsync("—");
            await Assertions.Expect(page.Locator("#balance-gap")).ToBeHiddenAsync();
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_reduced_motion_the_gauge_and_the_bars_do_not_slide()
    {
        await using var server = await OneReadingServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });

            await page.GotoAsync(server.Url.ToString());
            await Assertions.Expect(page.Locator("#pv-power")).Not.ToHaveTextAsync("—");

            foreach (var element in new[] { "#soc-arc", "#self-sufficiency-bar" })
            {
                Assert.Equal("0s", await page.Locator(element).EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration"));
            }

            // The PV line is on (the dump produces 626 W), yet its dashes stand still.
            await Assertions.Expect(page.Locator("#line-pv")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon\b"));
            Assert.Equal("none", await page.Locator("#line-pv").EvaluateAsync<string>("e => getComputedStyle(e).animationName"));
            Assert.Equal("none", await page.Locator("#status .dot").EvaluateAsync<string>("e => getComputedStyle(e).animationName"));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
