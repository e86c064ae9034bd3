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
                : Energy(Production, Flows(location, LocationFlows(Production))),
            Energy(Consumption, Flows(location, LocationFlows(Consumption))),
            Energy(GridFeedIn, Flows(location, LocationFlows(GridFeedIn))),
            Energy(GridPurchase, Flows(location, LocationFlows(GridPurchase))),
            Energy(BatteryCharge, Flows(location, LocationFlows(BatteryCharge))),
            Energy(BatteryDischarge, Flows(location, LocationFlows(BatteryDischarge))),
            Energy(SelfConsumption, Flows(location, LocationFlows(SelfConsumption))),
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

    /// <summary>
    /// The Location's cumulative counters (Wh since installation) whose increases add up to an energy column: the one
    /// mapping that both this export and a live total built from the counters use, so the two add up. Production is
    /// the Location's <c>WorkProduced</c>; <see cref="For"/> asks the PV plants' <c>WorkACOut</c> instead where the site
    /// has PV plants, as the portal's own export does.
    /// </summary>
    /// <param name="column">An energy column's label, <see cref="Production"/> to <see cref="SelfConsumption"/>.</param>
    /// <returns>The Location's tag names, to be summed.</returns>
    /// <exception cref="ArgumentException"><paramref name="column"/> is not an energy column.</exception>
    public static IReadOnlyList<string> LocationFlows(string column) => column switch
    {
        Production => [TagNames.WorkProduced],
        Consumption => [TagNames.WorkConsumedFromProducers, TagNames.WorkConsumedFromGrid, TagNames.WorkConsumedFromStorage],
        GridFeedIn => [TagNames.WorkOutFromProducers, TagNames.WorkOutFromStorage],
        GridPurchase => [TagNames.WorkConsumedFromGrid, TagNames.WorkBufferedFromGrid],
        BatteryCharge => [TagNames.WorkBufferedFromProducers, TagNames.WorkBufferedFromGrid],
        BatteryDischarge => [TagNames.WorkConsumedFromStorage, TagNames.WorkOutFromStorage],
        SelfConsumption => [TagNames.WorkConsumedFromProducers, TagNames.WorkBufferedFromProducers],
        _ => throw new ArgumentException($"'{column}' is not one of the energy columns.", nameof(column)),
    };

    private static HistoryColumn Energy(string label, params IReadOnlyList<HistoryDeviceTags> sources) =>
        new(label, Wh, HistoryAggregation.Increase, sources);

    // One entry per tag, as the portal's export sends them.
    private static HistoryDeviceTags[] Flows(string location, IReadOnlyList<string> tags) =>
        [.. tags.Select(tag => new HistoryDeviceTags(location, tag))];

    private static string BatteryName(Device battery)
    {
        var name = battery.Name;
        return string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny(";\r\n()") >= 0 ? battery.Guid : name.Trim();
    }
}
