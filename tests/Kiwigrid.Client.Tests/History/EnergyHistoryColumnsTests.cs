using System.Text;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;

namespace Kiwigrid.Client.Tests.History;

/// <summary>
/// The export's energy columns and a live total from the Location's counters come from one mapping
/// (<see cref="EnergyHistoryColumns.LocationFlows"/>); if they drifted apart, today's totals would stop adding up with
/// the history before them.
/// </summary>
public sealed class EnergyHistoryColumnsTests
{
    private static readonly string[] EnergyColumns =
    [
        EnergyHistoryColumns.Production, EnergyHistoryColumns.Consumption, EnergyHistoryColumns.GridFeedIn,
        EnergyHistoryColumns.GridPurchase, EnergyHistoryColumns.BatteryCharge, EnergyHistoryColumns.BatteryDischarge,
        EnergyHistoryColumns.SelfConsumption,
    ];

    [Fact]
    public void Without_a_PV_plant_every_energy_column_sums_the_location_flows_the_shared_mapping_names()
    {
        var columns = EnergyHistoryColumns.For(Site(withPlant: false));

        Assert.Equal(EnergyColumns, columns.Select(c => c.Label));
        foreach (var column in columns)
        {
            Assert.All(column.Sources, source => Assert.Equal("loc", source.Guid));
            Assert.Equal(EnergyHistoryColumns.LocationFlows(column.Label), column.Sources.SelectMany(s => s.Tags));
        }

        Assert.Equal(
            [TagNames.WorkConsumedFromProducers, TagNames.WorkConsumedFromGrid, TagNames.WorkConsumedFromStorage],
            EnergyHistoryColumns.LocationFlows(EnergyHistoryColumns.Consumption));
    }

    [Fact]
    public void With_a_PV_plant_production_is_its_AC_output_as_in_the_portals_export()
    {
        var production = EnergyHistoryColumns.For(Site(withPlant: true)).Single(c => c.Label == EnergyHistoryColumns.Production);

        var source = Assert.Single(production.Sources);
        Assert.Equal("pv", source.Guid);
        Assert.Equal([TagNames.WorkACOut], source.Tags);
    }

    [Fact]
    public void A_label_that_is_no_energy_column_is_refused_with_a_sentence()
    {
        var refused = Assert.Throws<ArgumentException>(() => EnergyHistoryColumns.LocationFlows(EnergyHistoryColumns.StateOfCharge));

        Assert.StartsWith("'State of charge' is not one of the energy columns.", refused.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Device> Site(bool withPlant) => DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(
        "[{\"guid\":\"loc\",\"deviceModel\":[{\"deviceClass\":\"" + DeviceClassNames.Location + "\"}],\"tagValues\":{}}"
        + (withPlant ? ",{\"guid\":\"pv\",\"deviceModel\":[{\"deviceClass\":\"" + DeviceClassNames.PVPlant + "\"}],\"tagValues\":{}}" : "")
        + "]"));
}
