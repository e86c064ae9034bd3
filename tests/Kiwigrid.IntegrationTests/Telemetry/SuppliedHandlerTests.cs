using Kiwigrid.Client;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Manager;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.IntegrationTests.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>
/// A handler the caller supplies (e.g. from <c>IHttpMessageHandlerFactory</c>) carries every HTTP request of every
/// source: the tap sees as many requests as the library counts, plus the bus's WebSocket handshake.
/// </summary>
public sealed class SuppliedHandlerTests
{
    [Fact]
    public async Task The_2018_cloud_sends_its_login_websocket_handshake_and_history_export_through_the_handler()
    {
        using var recorder = new TelemetryRecorder();
        using var tap = new RequestTap();
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync(options: home.ClientOptions with { HttpMessageHandler = tap });

        Assert.NotEmpty(await client.GetDevicesAsync());
        var now = home.Simulation!.SimulatedNow;
        await client.GetEnergyHistoryAsync(now.AddHours(-2), now, HistoryResolution.FifteenMinutes);

        var paths = tap.Requests.Select(r => r.RequestUri!.AbsolutePath).ToList();
        Assert.Equal(["/login", "/authorize", "/rest/auth/auth_grant", "/js/context.js"], paths[..4]);
        Assert.EndsWith("/websocket", paths[4], StringComparison.Ordinal);
        Assert.Contains("/v1.0/export", paths);
        var httpRequests = recorder.Of(KiwigridTelemetry.Requests).Count(r => r.Operation!.Contains(' ', StringComparison.Ordinal));
        Assert.Equal(httpRequests + 1, tap.Requests.Count);
    }

    [Fact]
    public async Task Todays_cloud_sends_its_login_and_api_requests_through_the_handler()
    {
        using var recorder = new TelemetryRecorder();
        using var tap = new RequestTap();
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap });

        await client.GetEnergyFlowAsync();

        Assert.Contains(tap.Requests, r => r.RequestUri!.AbsolutePath.EndsWith("/login-actions/authenticate", StringComparison.Ordinal));
        Assert.Contains(tap.Requests, r => r.RequestUri!.AbsolutePath == "/v11/energy-flow");
        Assert.Equal(recorder.Of(KiwigridTelemetry.Requests).Count(), tap.Requests.Count);
    }

    [Fact]
    public async Task The_local_energy_manager_is_read_through_the_handler()
    {
        using var recorder = new TelemetryRecorder();
        using var tap = new RequestTap();
        await using var home = await EmulatedHome.StartAsync();
        using var local = new LocalEnergyManagerClient(home.Emulator.BaseUri, home.ClientOptions with { HttpMessageHandler = tap });

        Assert.NotEmpty(await local.GetDevicesAsync());

        Assert.Equal("/rest/kiwigrid/wizard/devices", Assert.Single(tap.Requests).RequestUri!.AbsolutePath);
        var read = Assert.Single(recorder.Of(KiwigridTelemetry.Requests));
        Assert.Equal((KiwigridTelemetry.Sources.Local, "GET /rest/kiwigrid/wizard/devices", KiwigridTelemetry.Outcomes.Ok), (read.Source, read.Operation, read.Outcome));
    }

    [Fact]
    public async Task The_manager_is_probed_logged_in_to_and_read_through_the_handler()
    {
        using var recorder = new TelemetryRecorder();
        using var tap = new RequestTap();
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { Manager = ManagerOptions.Default });
        var options = new ManagerClientOptions { HttpMessageHandler = tap };

        Assert.Equal(LanDeviceKind.Manager, await LanDeviceProbe.DetectAsync(home.Emulator.ManagerUri!, options));
        var probing = recorder.Of(KiwigridTelemetry.Requests).Count();
        await using var manager = new ManagerSiteSource(home.Emulator.ManagerUri!, ManagerOptions.InstallerUserName, home.Emulator.Options.Manager!.Password, options);
        Assert.NotEmpty(await manager.GetDevicesAsync());

        Assert.Contains(tap.Requests, r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath == "/auth/login");
        Assert.Equal(recorder.Of(KiwigridTelemetry.Requests).Count(), tap.Requests.Count);
        // The probe's requests are made before anyone knows it is a Manager.
        var requests = recorder.Of(KiwigridTelemetry.Requests).ToList();
        Assert.InRange(probing, 1, requests.Count - 1);
        Assert.All(requests.Take(probing), r => Assert.Equal(KiwigridTelemetry.Sources.LanProbe, r.Source));
        Assert.All(requests.Skip(probing), r => Assert.Equal(KiwigridTelemetry.Sources.Manager, r.Source));
        Assert.Contains(recorder.Of(KiwigridTelemetry.Logins), l => l.Source == KiwigridTelemetry.Sources.Manager && l.Outcome == KiwigridTelemetry.Outcomes.Ok);
    }
}
