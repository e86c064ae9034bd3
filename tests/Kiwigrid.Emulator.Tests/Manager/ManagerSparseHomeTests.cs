using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>A home that reports little (a dump-like site): what it lacks is null, not an invented zero.</summary>
public sealed class ManagerSparseHomeTests
{
    [Fact]
    public async Task The_energy_overview_of_a_sparse_home_holds_nulls_where_it_reports_nothing()
    {
        await using var run = await ManagerRun.StartAsync(configure: o => o with { SiteFactory = clock => new TestSite(clock) });

        var overview = await run.GetJsonAsync("/rest/hems-configurator/energy-overview", await run.LoginAsync());

        Assert.Equal(2001.186, overview["production"]!.GetValue<double>());
        Assert.Equal(63, overview["batterySoc"]!.GetValue<double>());
        Assert.Null(overview["feedIn"]);
        Assert.True(overview.AsObject().ContainsKey("feedIn"), "an absent value is sent as null");
        Assert.Null(overview["gridPower"]);
        Assert.Null(overview["selfConsumedPower"]);
    }

    [Fact]
    public async Task Old_firmware_items_of_a_sparse_home_are_NULL_and_labels_keep_their_characters()
    {
        await using var run = await ManagerRun.StartAsync(
            ManagerOptions.Default with { Firmware = ManagerFirmware.Old },
            o => o with { SiteFactory = clock => new TestSite(clock) });

        var items = (await run.GetJsonAsync("/rest/items", await run.LoginAsync())).AsArray();

        var soc = Assert.Single(items, i => i!["name"]!.GetValue<string>().EndsWith("_harmonized_state_of_charge", StringComparison.Ordinal))!;
        Assert.Equal("63 %", soc["state"]!.GetValue<string>());
        Assert.StartsWith("Battery ☀ ünit", soc["label"]!.GetValue<string>(), StringComparison.Ordinal);
        var powerIn = items.First(i => i!["name"]!.GetValue<string>().StartsWith("kiwigrid_location_", StringComparison.Ordinal)
            && i["name"]!.GetValue<string>().EndsWith("_harmonized_power_in", StringComparison.Ordinal))!;
        Assert.Equal("NULL", powerIn["state"]!.GetValue<string>());
    }
}
