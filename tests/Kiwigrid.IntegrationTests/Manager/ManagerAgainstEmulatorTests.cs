using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Watch;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.IntegrationTests.Faults;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Manager;

/// <summary>
/// The Manager client against the emulated Manager flex (both firmwares) over real loopback sockets: the same simulated
/// home the classic Energy Manager endpoint serves, a session the Manager ends, login outages, a pinned certificate.
/// </summary>
public sealed class ManagerAgainstEmulatorTests
{
    private static Task<EmulatedHome> StartAsync(ManagerOptions manager) =>
        EmulatedHome.StartAsync(emulator: options => options with { Manager = manager });

    private static ManagerSiteSource Source(EmulatedHome home, ManagerClientOptions? options = null, string password = EmulatorOptions.DemoPassword) =>
        new(home.Emulator.ManagerUri!, ManagerOptions.InstallerUserName, password, options);

    [Theory]
    [InlineData(ManagerFirmware.New, ManagerApi.EnergyOverview)]
    [InlineData(ManagerFirmware.Old, ManagerApi.OpenHabItems)]
    public async Task The_manager_shows_the_same_home_as_the_energy_managers_device_list(ManagerFirmware firmware, ManagerApi api)
    {
        await using var home = await StartAsync(ManagerOptions.Default with { Firmware = firmware });
        home.Clock.Advance(TimeSpan.FromMinutes(42));
        await using var manager = Source(home);
        using var classic = new LocalEnergyManagerClient(home.Emulator.BaseUri, home.ClientOptions);

        var devices = await manager.GetDevicesAsync();
        var flow = EnergyFlow.From(devices);
        var expected = await classic.GetEnergyFlowAsync();

        Assert.Equal(api, manager.Api);
        Assert.True(flow.PvProduction!.Value.Value > 0);
        foreach (var (read, truth) in new[]
        {
            (flow.PvProduction, expected.PvProduction),
            (flow.HouseConsumption, expected.HouseConsumption),
            (flow.GridImport, expected.GridImport),
            (flow.GridExport, expected.GridExport),
            (flow.BatteryCharging, expected.BatteryCharging),
            (flow.BatteryDischarging, expected.BatteryDischarging),
        })
        {
            // Item states carry three decimals.
            Assert.Equal(truth!.Value.Value, read!.Value.Value, 0.001);
        }

        Assert.Equal(expected.BatteryStateOfCharge!.Value.Value, flow.BatteryStateOfCharge!.Value.Value, 0.5);

        // What is read keeps the balance: PV + grid + battery out = house + grid out + battery in.
        var sources = flow.PvProduction.Value.Value + flow.GridImport!.Value.Value + flow.BatteryDischarging!.Value.Value;
        var uses = flow.HouseConsumption!.Value.Value + flow.GridExport!.Value.Value + flow.BatteryCharging!.Value.Value;
        Assert.Equal(sources, uses, 0.01);
        Assert.Contains(devices, d => d.Kind == DeviceKind.Location && d.Guid.StartsWith("kiwigrid-location:standard:", StringComparison.Ordinal));
        Assert.Contains(devices, d => d.Kind == DeviceKind.Battery);
        Assert.Contains(devices, d => d.Kind == DeviceKind.PVPlant);
    }

    [Fact]
    public async Task Old_firmware_counters_arrive_as_work_tags_in_wh()
    {
        await using var home = await StartAsync(ManagerOptions.Default with { Firmware = ManagerFirmware.Old });
        await using var manager = Source(home);

        var location = (await manager.GetDevicesAsync()).Single(d => d.Kind == DeviceKind.Location);
        var classic = (await new LocalEnergyManagerClient(home.Emulator.BaseUri, home.ClientOptions).GetDevicesAsync()).Single(d => d.Kind == DeviceKind.Location);

        Assert.Equal(classic.GetDouble(TagNames.WorkProduced)!.Value, location.GetDouble(TagNames.WorkProduced)!.Value, 0.001);
        Assert.Equal(classic.GetDouble(TagNames.WorkIn)!.Value, location.GetDouble(TagNames.WorkIn)!.Value, 0.001);
    }

    [Theory]
    [InlineData(ManagerFirmware.New)]
    [InlineData(ManagerFirmware.Old)]
    public async Task A_watch_survives_the_manager_ending_its_session(ManagerFirmware firmware)
    {
        await using var home = await StartAsync(ManagerOptions.Default with { Firmware = firmware });
        var log = new ClientLog();

        // The client's own renewal set beyond the Manager's 15 minutes, so that the Manager ends the session first. The
        // clock jumps by whole intervals: a request in flight at a jump must not time out on it (a slow machine).
        await using var manager = Source(home, new ManagerClientOptions
        {
            TimeProvider = home.Clock,
            SessionLifetime = TimeSpan.FromHours(1),
            RequestTimeout = TimeSpan.FromDays(30),
            LoggerFactory = log,
        });
        var options = DeviceWatchOptions.Default with { Interval = TimeSpan.FromMinutes(16) };
        await using var watch = manager.WatchAsync(options).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());

        // Minute by minute until the watch has logged in again: jumping whole intervals could end the new session too
        // while a slow machine still reads (and log a second renewal).
        var next = watch.MoveNextAsync().AsTask();
        await AdvanceUntilAsync(home, () => next.IsCompleted || log.Count(432) > 0, TimeSpan.FromMinutes(1));

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30)));
        var snapshot = Assert.IsType<DeviceSnapshot>(watch.Current);
        Assert.False(snapshot.AfterReconnect);
        Assert.NotEmpty(snapshot.Changes);
        Assert.Equal(1, log.Count(432));
    }

    [Fact]
    public async Task A_login_outage_is_ridden_out()
    {
        await using var home = await StartAsync(ManagerOptions.Default with { LoginOutage = 2 });
        var log = new ClientLog();
        await using var manager = Source(home, new ManagerClientOptions { LoginRetryDelay = TimeSpan.FromMilliseconds(10), LoggerFactory = log });

        Assert.NotEmpty(await manager.GetDevicesAsync());
        Assert.Equal(2, log.Count(431));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        await using var home = await StartAsync(ManagerOptions.Default);
        await using var manager = Source(home, password: "wrong");

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => manager.GetDevicesAsync());

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Https_is_read_with_the_pinned_fingerprint_and_refused_without()
    {
        await using var home = await StartAsync(ManagerOptions.Default with { Https = true });
        var fingerprint = home.Emulator.ManagerCertificateFingerprint!;
        await using var unpinned = Source(home);
        await using var pinned = Source(home, new ManagerClientOptions { TlsFingerprint = fingerprint });

        var refusal = await Assert.ThrowsAsync<KiwigridCertificateException>(() => unpinned.GetDevicesAsync());
        Assert.Equal(fingerprint, refusal.Fingerprint);
        Assert.NotEmpty(await pinned.GetDevicesAsync());
        Assert.Equal(LanDeviceKind.Manager, await LanDeviceProbe.DetectAsync(home.Emulator.ManagerUri!, new ManagerClientOptions { TlsFingerprint = fingerprint }));
    }

    [Fact]
    public async Task Detection_tells_the_energy_manager_from_the_manager()
    {
        await using var home = await StartAsync(ManagerOptions.Default);

        Assert.Equal(LanDeviceKind.EnergyManager, await LanDeviceProbe.DetectAsync(home.Emulator.BaseUri));
        Assert.Equal(LanDeviceKind.Manager, await LanDeviceProbe.DetectAsync(home.Emulator.ManagerUri!));
    }

    private static async Task AdvanceUntilAsync(EmulatedHome home, Func<bool> done, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !done(); i++)
        {
            await Task.Delay(20);
            if (!done())
            {
                home.Clock.Advance(step);
            }
        }
    }
}
