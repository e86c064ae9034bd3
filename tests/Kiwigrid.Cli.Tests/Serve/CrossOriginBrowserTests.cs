using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kiwigrid.Hosting;
using Kiwigrid.Testing;
using Microsoft.Playwright;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>A page on the user's own website reading serve in a real headless Chromium, with and without <c>--allow-origin</c>.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class CrossOriginBrowserTests
{
    private const string Token = "0123456789abcdef-test-token";

    [Fact]
    public async Task A_page_of_an_allowed_website_shows_the_values_and_without_the_option_the_browser_blocks_it()
    {
        await using var website = await WebsitePage.StartAsync();
        await using var allowing = await OneReadingServer.StartAsync(AccessTokens.Single(Token), website.AllowOrigin);
        await using var sameOriginOnly = await OneReadingServer.StartAsync(AccessTokens.Single(Token));
        Assert.NotEqual(website.AllowOrigin, allowing.Url.GetLeftPart(UriPartial.Authority));
        allowing.Http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        var flow = await allowing.Http.GetFromJsonAsync<JsonElement>("api/energy-flow");

        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kiwigrid-chromium-");
        try
        {
            await using var browser = await DashboardBrowserTests.LaunchAsync(playwright, profile);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, message) => console.Add(message.Text);
            var pv = page.Locator("#pv");
            var soc = page.Locator("#soc");

            await page.GotoAsync(website.PageFor(allowing.Url, Token));
            await Assertions.Expect(pv).ToHaveAttributeAsync("data-state", "shown");
            Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), double.Parse((await pv.TextContentAsync())!, CultureInfo.InvariantCulture));
            await Assertions.Expect(soc).ToHaveAttributeAsync("data-state", "shown");
            Assert.Equal(
                flow.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(),
                double.Parse((await soc.TextContentAsync())!, CultureInfo.InvariantCulture));
            Assert.DoesNotContain(console, m => m.Contains("CORS", StringComparison.Ordinal));

            // The same page against a serve without --allow-origin: the server answers, the browser keeps it from the page.
            await page.GotoAsync(website.PageFor(sameOriginOnly.Url, Token));
            await Assertions.Expect(pv).ToHaveAttributeAsync("data-state", "failed");
            await Assertions.Expect(pv).ToHaveTextAsync("TypeError");
            await Assertions.Expect(soc).ToHaveAttributeAsync("data-state", "failed");
            Assert.Contains(console, m => m.Contains("has been blocked by CORS policy", StringComparison.Ordinal) && m.Contains("/api/energy-flow", StringComparison.Ordinal));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
