using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;

namespace Kiwigrid.Hosting;

/// <summary>
/// The Location's cumulative counters (Wh since installation) that today's totals grow with, by the library's one
/// flow-to-column mapping (<see cref="EnergyHistoryColumns.LocationFlows"/>), so the live part of a day adds up with
/// its history. Production is the exception by decision: live it is the Location's <c>WorkProduced</c>, which every
/// source keeps, while the history asks the PV plants' <c>WorkACOut</c> as the portal does. Not <c>WorkIn</c>/<c>WorkOut</c>:
/// those come from the grid meter and drift from the flows.
/// </summary>
internal static class LocationCounters
{
    private static readonly string[] EnergyColumns =
    [
        EnergyHistoryColumns.Production, EnergyHistoryColumns.Consumption, EnergyHistoryColumns.GridPurchase,
        EnergyHistoryColumns.GridFeedIn, EnergyHistoryColumns.BatteryCharge, EnergyHistoryColumns.BatteryDischarge,
        EnergyHistoryColumns.SelfConsumption,
    ];

    public static IReadOnlyList<string> Tags { get; } = [.. EnergyColumns.SelectMany(EnergyHistoryColumns.LocationFlows).Distinct(StringComparer.Ordinal)];

    /// <summary>The counters' values in <paramref name="reading"/>; a counter the Location lacks or that is no number is left out.</summary>
    public static IEnumerable<(string Tag, double Value)> Read(SiteReading reading)
    {
        var location = reading.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        foreach (var tag in Tags)
        {
            if (DeviceNumber.Quantity(location?.GetDouble(tag)) is { } value)
            {
                yield return (tag, value);
            }
        }
    }

    /// <summary>The totals the counters' increases (<paramref name="increase"/> of a tag, Wh) make.</summary>
    public static EnergyTotals Totals(Func<string, double> increase)
    {
        double Sum(string column) => EnergyHistoryColumns.LocationFlows(column).Sum(increase);
        return new(
            Produced: Sum(EnergyHistoryColumns.Production),
            Consumed: Sum(EnergyHistoryColumns.Consumption),
            Bought: Sum(EnergyHistoryColumns.GridPurchase),
            FedIn: Sum(EnergyHistoryColumns.GridFeedIn),
            Charged: Sum(EnergyHistoryColumns.BatteryCharge),
            Discharged: Sum(EnergyHistoryColumns.BatteryDischarge),
            SelfConsumed: Sum(EnergyHistoryColumns.SelfConsumption));
    }
}
