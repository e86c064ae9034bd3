using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The Location's cumulative counters (Wh since installation) that today's totals grow with: the same flows the
/// portal's export sums (<see cref="Kiwigrid.Client.History.EnergyHistoryColumns"/>), so the live part of a day adds up
/// with its history. Not <c>WorkIn</c>/<c>WorkOut</c>: those come from the grid meter and drift from the flows.
/// </summary>
internal static class LocationCounters
{
    private const string ConsumedFromProducers = "WorkConsumedFromProducers";
    private const string ConsumedFromGrid = "WorkConsumedFromGrid";
    private const string ConsumedFromStorage = "WorkConsumedFromStorage";
    private const string BufferedFromProducers = "WorkBufferedFromProducers";
    private const string BufferedFromGrid = "WorkBufferedFromGrid";
    private const string OutFromProducers = "WorkOutFromProducers";
    private const string OutFromStorage = "WorkOutFromStorage";

    public static IReadOnlyList<string> Tags { get; } =
    [
        TagNames.WorkProduced, ConsumedFromProducers, ConsumedFromGrid, ConsumedFromStorage,
        BufferedFromProducers, BufferedFromGrid, OutFromProducers, OutFromStorage,
    ];

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
    public static EnergyTotals Totals(Func<string, double> increase) => new(
        Produced: increase(TagNames.WorkProduced),
        Consumed: increase(ConsumedFromProducers) + increase(ConsumedFromGrid) + increase(ConsumedFromStorage),
        Bought: increase(ConsumedFromGrid) + increase(BufferedFromGrid),
        FedIn: increase(OutFromProducers) + increase(OutFromStorage),
        Charged: increase(BufferedFromProducers) + increase(BufferedFromGrid),
        Discharged: increase(ConsumedFromStorage) + increase(OutFromStorage),
        SelfConsumed: increase(ConsumedFromProducers) + increase(BufferedFromProducers));
}
