using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Sources;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// One simulated home read through the 2018 cloud, today's cloud (HEMS) and the LAN at one frozen instant: the same
/// energy flow, whichever way in.
/// </summary>
public class ThreeWaysInTests
{
    public static TheoryData<int> Hours() => [7, 12, 23];

    [Theory]
    [MemberData(nameof(Hours))]
    public async Task The_three_sources_give_the_same_energy_flow(int hour)
    {
        var start = new DateTimeOffset(2025, 6, 21, hour, 0, 0, TimeSpan.FromHours(2));
        await using var home = await EmulatedHome.StartAsync(start: start);
        home.Clock.Advance(TimeSpan.FromMinutes(23)); // off the first simulation step
        await using var legacy = new LegacyCloudSource(home.Emulator.UserName, home.Emulator.Password, home.ClientOptions);
        await using var lan = new LocalEnergyManagerSource(home.Emulator.BaseUri, home.ClientOptions);
        await using var hems = await HemsSiteSource.ConnectAsync(home.Emulator.UserName, home.Emulator.Password, HemsHome.Options(home));

        var expected = await ((ISiteSource)legacy).GetEnergyFlowAsync();
        foreach (ISiteSource source in new ISiteSource[] { lan, hems })
        {
            var flow = await source.GetEnergyFlowAsync();
            var what = $"{source.Description} at {hour}:23";
            AssertNear(expected.PvProduction, flow.PvProduction, what + ", PV");
            AssertNear(expected.HouseConsumption, flow.HouseConsumption, what + ", house");
            AssertNear(expected.GridImport, flow.GridImport, what + ", grid import");
            AssertNear(expected.GridExport, flow.GridExport, what + ", grid export");
            AssertNear(expected.BatteryCharging, flow.BatteryCharging, what + ", battery charging");
            AssertNear(expected.BatteryDischarging, flow.BatteryDischarging, what + ", battery discharging");
            AssertNear(expected.BatteryStateOfCharge, flow.BatteryStateOfCharge, what + ", state of charge");
            AssertNear(expected.SelfSufficiency, flow.SelfSufficiency, what + ", self-sufficiency");
            AssertNear(expected.SelfConsumption, flow.SelfConsumption, what + ", self-consumption");
            Assert.Equal(expected.BatteryCount, flow.BatteryCount);
        }

        if (hour == 23)
        {
            Assert.Equal(0, expected.PvProduction!.Value.Value);
        }
        else
        {
            Assert.True(expected.PvProduction!.Value.Value > 0, $"PV at {hour}:23 in June");
        }
    }

    /// <summary>
    /// Equal units, values within 0.01 (W, %): the HEMS API sends the state of charge as a fraction. Both absent is equal
    /// (a ratio of no production at night).
    /// </summary>
    private static void AssertNear(Measurement? expected, Measurement? actual, string what)
    {
        if (expected is null && actual is null && what.EndsWith("self-consumption", StringComparison.Ordinal))
        {
            return;
        }

        Assert.True(expected is not null && actual is not null, $"{what}: {expected} vs {actual}");
        Assert.Equal(expected.Value.Unit, actual.Value.Unit);
        Assert.True(Math.Abs(expected.Value.Value - actual.Value.Value) <= 0.01, $"{what}: {expected} vs {actual}");
    }
}
