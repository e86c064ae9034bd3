using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// The site's power flows now, from <c>/energy-flow</c>, W. Sources (PV out, grid in, battery out) equal sinks
/// (consumption in, grid out, battery in).
/// </summary>
/// <param name="Consumption">The house: <c>In</c> is its consumption.</param>
/// <param name="Grid">The grid: <c>In</c> drawn from it, <c>Out</c> fed into it.</param>
/// <param name="Pv">PV: <c>Out</c> is the production.</param>
/// <param name="Battery">The batteries: <c>In</c> charging, <c>Out</c> discharging.</param>
/// <param name="Ev">EV stations: <c>In</c> charging the car.</param>
/// <param name="DirectConsumption">PV consumed directly by the house, W.</param>
/// <param name="BatteryInFromGrid">Of the battery's charging, what comes from the grid, W.</param>
/// <param name="BatteryOutToGrid">Of the battery's discharging, what goes to the grid, W.</param>
/// <param name="BatteryStateOfCharge">The batteries' state of charge, 0–1.</param>
/// <param name="EvBidirectional">Whether the EV station can also feed the house.</param>
public sealed record HemsEnergyFlow(
    HemsFlowSection Consumption,
    HemsFlowSection Grid,
    HemsFlowSection Pv,
    HemsFlowSection Battery,
    HemsFlowSection Ev,
    double? DirectConsumption,
    double? BatteryInFromGrid,
    double? BatteryOutToGrid,
    double? BatteryStateOfCharge,
    bool? EvBidirectional)
{
    internal static HemsEnergyFlow Read(JsonElement root)
    {
        var consumption = HemsJson.Object(root, "consumption");
        var battery = HemsJson.Object(root, "battery");
        var ev = HemsJson.Object(root, "ev");
        return new HemsEnergyFlow(
            Section(consumption),
            Section(HemsJson.Object(root, "grid")),
            Section(HemsJson.Object(root, "pv")),
            Section(battery),
            Section(ev),
            consumption is { } c ? HemsJson.Number(c, "direct_consumption") : null,
            battery is { } b ? HemsJson.Number(b, "in_from_grid") : null,
            battery is { } b2 ? HemsJson.Number(b2, "out_to_grid") : null,
            battery is { } b3 ? HemsJson.Number(b3, "soc") : null,
            ev is { } e ? HemsJson.Bool(e, "bidirectional") : null);
    }

    private static HemsFlowSection Section(JsonElement? section) => section is { } s ? HemsFlowSection.Read(s) : HemsFlowSection.Empty;
}
