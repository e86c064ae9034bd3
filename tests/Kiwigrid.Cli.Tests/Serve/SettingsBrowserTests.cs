using Kiwigrid.Testing;
using Microsoft.Playwright;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>The dashboard's settings card in a real headless Chromium (Debian's), against the real server on loopback.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class SettingsBrowserTests
{
    [Fact]
    public async Task The_dashboard_changes_a_setting_with_its_token_and_shows_the_read_back_and_is_read_only_without_control()
    {
        await using var controlled = await ControlledServer.StartAsync();
        await using var readOnly = await ControlledServer.StartAsync(allowControl: false);
        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await DashboardBrowserTests.LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);

            await page.GotoAsync($"{controlled.Url}?token={ControlledServer.KitchenToken}");
            var mode = page.Locator($"#settings tr[data-device='{ControllableSite.Station}'][data-setting='{ControllableSite.Mode}']");
            await Assertions.Expect(mode.Locator(".value-now")).ToHaveTextAsync("PV optimized");
            await mode.Locator("select").SelectOptionAsync("Departure time");
            await Assertions.Expect(mode.Locator(".value-now")).ToHaveTextAsync("Departure time");
            Assert.Equal([(ControllableSite.Station, ControllableSite.Mode, "Departure time")], controlled.Site.Changes);

            // A value the site refuses: the page says why and keeps showing what the site holds.
            controlled.Site.NextChange = ChangeFault.Refused;
            var reserve = page.Locator($"#settings tr[data-device='{ControllableSite.Battery}']");
            await reserve.Locator("input").FillAsync("30");
            await reserve.Locator("button").ClickAsync();
            await Assertions.Expect(page.Locator("#settings-error")).ToHaveTextAsync("The HEMS API refused the change: the device is in manual mode.");
            await Assertions.Expect(reserve.Locator(".value-now")).ToHaveTextAsync("20\u00a0%");
            await page.Locator("#settings-card").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard", "settings.png") });

            await page.GotoAsync($"{readOnly.Url}?token={ControlledServer.KitchenToken}");
            await Assertions.Expect(page.Locator("#settings-note")).ToContainTextAsync("--allow-control");
            await Assertions.Expect(page.Locator("#settings tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#settings select, #settings input, #settings button")).ToHaveCountAsync(0);
            Assert.Empty(errors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
