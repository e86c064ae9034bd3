using System.Net;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Hosting;

public sealed class HostOriginsTests
{
    [Fact]
    public async Task A_hosts_own_origin_serves_only_its_paths_and_the_main_origin_serves_all()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = new HttpClient();
        const string devices = "/rest/kiwigrid/wizard/devices";

        using var own = await http.GetAsync(new Uri(emulator.Hosts[EmulatedHost.LocalEnergyManager], devices));
        using var foreign = await http.GetAsync(new Uri(emulator.Hosts[EmulatedHost.Desktop], devices));
        using var main = await http.GetAsync(new Uri(emulator.BaseUri, devices));
        using var realmOnPortal = await http.GetAsync(new Uri(emulator.PortalUri, "/auth/realms/solarwatt/.well-known/openid-configuration"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, main.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, realmOnPortal.StatusCode);
    }

    [Fact]
    public async Task Every_host_has_its_own_address_so_cookies_do_not_cross()
    {
        // With a Manager, so that its origin (listed only when played) is counted too.
        await using var emulator = await EmulatorRun.StartAsync(o => o with { Manager = ManagerOptions.Default });

        var authorities = emulator.Hosts.Origins.Values.Select(origin => origin.Host).Append(emulator.BaseUri.Host).ToList();

        Assert.Equal(Enum.GetValues<EmulatedHost>().Length, emulator.Hosts.Origins.Count);
        Assert.All(emulator.Hosts.Origins.Values, origin => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(origin.Host))));
        if (!OperatingSystem.IsMacOS())
        {
            Assert.Equal(authorities.Count, authorities.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public async Task The_2018_login_on_its_own_origin_sends_the_browser_to_the_desktop_origin()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = emulator.Hosts[EmulatedHost.LegacyLogin],
        };

        using var login = await RawLogin.PostLoginAsync(http, emulator.UserName, emulator.Password);
        var redirect = System.Text.Json.Nodes.JsonNode.Parse(await login.Content.ReadAsStringAsync())!["redirectUri"]!.GetValue<string>();
        using var authorize = await RawLogin.GetWithCookieAsync(http, redirect, "session_id=" + RawLogin.Cookie(login, "session_id"));
        var grant = authorize.Headers.Location!;
        using var desktop = await RawLogin.GetWithCookieAsync(http, grant.ToString(), null);

        Assert.Equal(emulator.Hosts[EmulatedHost.Desktop].Authority, grant.Authority);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, desktop.StatusCode);
        Assert.Equal(new Uri(emulator.Hosts[EmulatedHost.Desktop], "/index.html"), desktop.Headers.Location);
    }

    [Fact]
    public async Task The_banner_names_each_hosts_base_url()
    {
        await using var emulator = await EmulatorRun.StartAsync();

        var banner = string.Join('\n', EmulatorBanner.Lines(emulator, "user demo@example.com  password demo"));

        Assert.Contains(emulator.BaseUri.ToString(), banner, StringComparison.Ordinal);
        Assert.Contains(emulator.OneIdRealmUri.ToString(), banner, StringComparison.Ordinal);
        Assert.Contains(emulator.SolarwattRealmUri + "  (--oneid-url)", banner, StringComparison.Ordinal);
        Assert.Contains(emulator.PortalUri.ToString(), banner, StringComparison.Ordinal);
        Assert.EndsWith("/v11/", emulator.HemsApiUri.ToString(), StringComparison.Ordinal);
        Assert.Contains(emulator.HemsApiUri.ToString(), banner, StringComparison.Ordinal);
        Assert.Contains(new Uri(emulator.Hosts[EmulatedHost.EventBus], "/kiwibus").ToString(), banner, StringComparison.Ordinal);
    }
}
