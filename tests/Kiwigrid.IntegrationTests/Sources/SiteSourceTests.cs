using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Sources;

/// <summary>
/// One emulated home read through each <see cref="ISiteSource"/> the library has: the 2018 cloud and the LAN, which the
/// emulator serves on one origin. The emulator's clock is frozen, so reads at one instant must agree.
/// </summary>
public class SiteSourceTests
{
    [Fact]
    public async Task The_cloud_and_the_LAN_give_the_same_energy_flow_and_devices_at_the_same_instant()
    {
        await using var home = await EmulatedHome.StartAsync();
        home.Clock.Advance(TimeSpan.FromMinutes(23)); // off the first simulation step
        await using var cloud = new LegacyCloudSource(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions);
        await using var lan = new LocalEnergyManagerSource(home.Emulator.BaseUri, home.ClientOptions);

        var flows = new List<Client.Devices.EnergyFlow>();
        var guids = new List<List<string>>();
        foreach (ISiteSource source in new ISiteSource[] { cloud, lan })
        {
            flows.Add(await source.GetEnergyFlowAsync());
            guids.Add([.. (await source.GetDevicesAsync()).Select(d => d.Guid)]);
        }

        Assert.Equal(flows[0], flows[1]);
        Assert.Equal(guids[0], guids[1]);
        var site = home.Simulation!;
        Assert.Equal(site.Devices.GetValue(site.LocationGuid, "PowerProduced")!.GetValue<double>(), flows[1].PvProduction?.Value);
        Assert.True(flows[0].PvProduction!.Value.Value > 1000, $"PV at noon in June: {flows[0].PvProduction}");
        Assert.Equal(1, flows[0].BatteryCount);
    }

    [Fact]
    public async Task Both_sources_watch_the_home_starting_with_every_device()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var cloud = new LegacyCloudSource(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions);
        await using var lan = new LocalEnergyManagerSource(home.Emulator.BaseUri, home.ClientOptions);
        var expected = home.Emulator.Site.Devices.ToDocuments(cloudShape: true).Select(d => (string)d["guid"]!).ToList();

        foreach (ISiteSource source in new ISiteSource[] { cloud, lan })
        {
            await foreach (var watchEvent in source.WatchAsync(DeviceWatchOptions.Default))
            {
                var snapshot = Assert.IsType<DeviceSnapshot>(watchEvent);
                Assert.True(snapshot.IsFirst);
                Assert.Equal(expected, snapshot.Devices.Select(d => d.Guid));
                break;
            }
        }
    }

    [Fact]
    public async Task The_cloud_source_s_history_is_the_export_backend_s_in_UTC_or_on_a_given_zone_s_clock()
    {
        var midnight = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);
        await using var home = await EmulatedHome.StartAsync(start: midnight.AddDays(-2));
        home.Clock.Advance(TimeSpan.FromDays(3));
        await using var cloud = new LegacyCloudSource(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var reports = new List<HistoryProgress>();

        var quarterHours = await ((ISiteSource)cloud).GetEnergyHistoryAsync(midnight.AddHours(12), midnight.AddHours(13), HistoryResolution.FifteenMinutes);
        var localDay = await cloud.GetEnergyHistoryAsync(
            midnight, midnight.AddDays(1), HistoryResolution.OneDay, berlin, new SynchronousProgress(reports.Add));

        Assert.Equal(4, quarterHours.Rows.Count);
        Assert.Equal(midnight.AddHours(12), quarterHours.Rows[0].Start);
        Assert.True(quarterHours.Rows[0][quarterHours.IndexOf(EnergyHistoryColumns.Production)] > 500, "a midsummer noon quarter hour makes well over 500 Wh");

        // Days on the zone's clock: the day holding UTC midnight starts at Berlin's summer midnight, 22:00 UTC the evening before.
        Assert.Equal(midnight.AddHours(-2), localDay.Rows[0].Start);
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].TotalRequests, reports[^1].CompletedRequests);
    }

    private sealed class SynchronousProgress(Action<HistoryProgress> report) : IProgress<HistoryProgress>
    {
        public void Report(HistoryProgress value) => report(value);
    }
}
