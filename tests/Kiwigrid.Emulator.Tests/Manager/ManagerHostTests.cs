using System.Net;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The Manager lives on its own origin only: the main origin keeps playing the classic Energy Manager.</summary>
public sealed class ManagerHostTests
{
    [Fact]
    public async Task The_main_origin_serves_none_of_the_managers_paths_and_the_manager_none_of_the_clouds()
    {
        await using var run = await ManagerRun.StartAsync(ManagerOptions.Default with { Model = ManagerModel.Rail });
        using var main = EmulatorRun.HttpClient(run.Emulator);

        using var login = await ManagerRun.PostLoginAsync(main, "installer", "demo");
        using var signIn = await main.GetAsync("/logon.html");
        using var overview = await main.GetAsync("/rest/hems-configurator/energy-overview");
        using var classic = await main.GetAsync("/rest/kiwigrid/wizard/devices");
        using var cloudOnManager = await run.Http.GetAsync("/v11/energy-flow");

        Assert.NotEqual(run.Emulator.BaseUri.Authority, run.Emulator.ManagerUri!.Authority);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, overview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, classic.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cloudOnManager.StatusCode);
        Assert.Contains("SOLARWATT Manager rail", await run.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_option_there_is_no_manager()
    {
        await using var emulator = await EmulatorRun.StartAsync();

        Assert.Null(emulator.ManagerUri);
        Assert.Null(emulator.ManagerCertificateFingerprint);
        Assert.False(emulator.Hosts.Origins.ContainsKey(EmulatedHost.Manager));
        Assert.DoesNotContain(EmulatorBanner.Lines(emulator, "user demo@example.com  password demo"), l => l.Contains("Manager", StringComparison.Ordinal));
    }
}
