using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.History;

/// <summary>
/// The columns of the portal's own energy export, for the devices of one site: the Location's energy flows (Wh per
/// interval), the PV plants' production and the batteries' state of charge.
/// </summary>
public static class EnergyHistoryColumns
{
    /// <summary>PV production, Wh: the PV plants' <c>WorkACOut</c> (the Location's <c>WorkProduced</c> without a PV plant).</summary>
    public const string Production = "Production";

    /// <summary>House consumption, Wh: consumed from PV, grid and battery.</summary>
    public const string Consumption = "Consumption";

    /// <summary>Fed into the grid, Wh: from PV and from the battery.</summary>
    public const string GridFeedIn = "Grid feed-in";

    /// <summary>Bought from the grid, Wh: consumed and stored in the battery.</summary>
    public const string GridPurchase = "Grid purchase";

    /// <summary>Charged into the battery, Wh: from PV and from the grid.</summary>
    public const string BatteryCharge = "Battery charge";

    /// <summary>Discharged from the battery, Wh: consumed and fed in.</summary>
    public const string BatteryDischarge = "Battery discharge";

    /// <summary>PV energy used on site, Wh: consumed and stored.</summary>
    public const string SelfConsumption = "Self-consumption";

    /// <summary>
    /// The battery's state of charge, %, time-weighted average; with several batteries one column each, labelled
    /// <c>State of charge (name)</c>.
    /// </summary>
    public const string StateOfCharge = "State of charge";

    private const string Wh = "Wh";

    /// <summary>The standard columns for a site's devices; the state of charge only if it has a battery.</summary>
    /// <param name="devices">The site's devices, as <c>GetDevicesAsync</c> returns them.</param>
    /// <exception cref="ArgumentException">No device is the site's Location.</exception>
    public static IReadOnlyList<HistoryColumn> For(IReadOnlyList<Device> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var location = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location)?.Guid
            ?? throw new ArgumentException("The site has no Location device, which holds the energy flows the history is asked for.", nameof(devices));
        var plants = devices.Where(d => d.Kind == DeviceKind.PVPlant).ToList();
        var batteries = devices.Where(d => d.Kind == DeviceKind.Battery).ToList();

        var columns = new List<HistoryColumn>
        {
            plants.Count > 0
                ? Energy(Production, [.. plants.Select(p => new HistoryDeviceTags(p.Guid, TagNames.WorkACOut))])
                : Energy(Production, new HistoryDeviceTags(location, TagNames.WorkProduced)),
            Energy(Consumption, Flows(location, "WorkConsumedFromProducers", "WorkConsumedFromGrid", "WorkConsumedFromStorage")),
            Energy(GridFeedIn, Flows(location, "WorkOutFromProducers", "WorkOutFromStorage")),
            Energy(GridPurchase, Flows(location, "WorkConsumedFromGrid", "WorkBufferedFromGrid")),
            Energy(BatteryCharge, Flows(location, "WorkBufferedFromProducers", "WorkBufferedFromGrid")),
            Energy(BatteryDischarge, Flows(location, "WorkConsumedFromStorage", "WorkOutFromStorage")),
            Energy(SelfConsumption, Flows(location, "WorkConsumedFromProducers", "WorkBufferedFromProducers")),
        };

        // A sum of percentages means nothing, so several batteries get a column each, named by guid if names repeat.
        var names = batteries.Select(BatteryName).ToList();
        var distinct = names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count;
        for (var i = 0; i < batteries.Count; i++)
        {
            var battery = batteries[i];
            var label = batteries.Count == 1 ? StateOfCharge : $"{StateOfCharge} ({(distinct ? names[i] : battery.Guid)})";
            columns.Add(new HistoryColumn(label, "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags(battery.Guid, TagNames.StateOfCharge)));
        }

        return columns;
    }

    private static HistoryColumn Energy(string label, params IReadOnlyList<HistoryDeviceTags> sources) =>
        new(label, Wh, HistoryAggregation.Increase, sources);

    // One entry per tag, as the portal's export sends them.
    private static HistoryDeviceTags[] Flows(string location, params string[] tags) =>
        [.. tags.Select(tag => new HistoryDeviceTags(location, tag))];

    private static string BatteryName(Device battery)
    {
        var name = battery.Name;
        return string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny(";\r\n()") >= 0 ? battery.Guid : name.Trim();
    }
}
