using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

/// <summary>The flows between PV, battery, grid and house, from a Location's tags or estimated from the totals.</summary>
internal static class PowerFlows
{
    /// <summary>Flows below half a watt are float noise in real dumps (1e-13 W) and would show as "0 W".</summary>
    private const double SmallestShownWatts = 0.5;

    /// <summary>
    /// The flows a Location reports itself (<c>PowerConsumedFromProducers</c>, …); null when it lacks the breakdown,
    /// as some local Energy Managers do.
    /// </summary>
    public static IReadOnlyList<PowerFlow>? FromBreakdown(Func<string, double?> tag)
    {
        (EnergyNode From, EnergyNode To, string Tag)[] parts =
        [
            (EnergyNode.Pv, EnergyNode.House, TagNames.PowerConsumedFromProducers),
            (EnergyNode.Pv, EnergyNode.Battery, TagNames.PowerBufferedFromProducers),
            (EnergyNode.Pv, EnergyNode.Grid, TagNames.PowerOutFromProducers),
            (EnergyNode.Battery, EnergyNode.House, TagNames.PowerConsumedFromStorage),
            (EnergyNode.Battery, EnergyNode.Grid, TagNames.PowerOutFromStorage),
            (EnergyNode.Grid, EnergyNode.House, TagNames.PowerConsumedFromGrid),
            (EnergyNode.Grid, EnergyNode.Battery, TagNames.PowerBufferedFromGrid),
        ];
        var values = parts.Select(p => (p.From, p.To, Power: tag(p.Tag))).ToList();
        if (values.All(v => v.Power is null))
        {
            return null;
        }

        return [.. values.Where(v => v.Power >= SmallestShownWatts).Select(v => new PowerFlow(v.From, v.To, v.Power!.Value))];
    }

    /// <summary>
    /// Estimates the flows from the four totals the way an Energy Manager allocates them: PV serves the house first,
    /// then the battery, then the grid; the battery serves the house before the grid; the grid the house before the battery.
    /// </summary>
    /// <param name="pv">PV production, W.</param>
    /// <param name="house">House consumption, W.</param>
    /// <param name="battery">Battery power, W, positive while discharging.</param>
    /// <param name="grid">Grid power, W, positive while importing.</param>
    public static IReadOnlyList<PowerFlow> Estimate(double pv, double house, double battery, double grid)
    {
        var supply = new Dictionary<EnergyNode, double>
        {
            [EnergyNode.Pv] = Math.Max(pv, 0),
            [EnergyNode.Battery] = Math.Max(battery, 0),
            [EnergyNode.Grid] = Math.Max(grid, 0),
        };
        var demand = new Dictionary<EnergyNode, double>
        {
            [EnergyNode.House] = Math.Max(house, 0),
            [EnergyNode.Battery] = Math.Max(-battery, 0),
            [EnergyNode.Grid] = Math.Max(-grid, 0),
        };
        (EnergyNode From, EnergyNode To)[] order =
        [
            (EnergyNode.Pv, EnergyNode.House), (EnergyNode.Pv, EnergyNode.Battery), (EnergyNode.Pv, EnergyNode.Grid),
            (EnergyNode.Battery, EnergyNode.House), (EnergyNode.Battery, EnergyNode.Grid),
            (EnergyNode.Grid, EnergyNode.House), (EnergyNode.Grid, EnergyNode.Battery),
        ];
        var flows = new List<PowerFlow>();
        foreach (var (from, to) in order)
        {
            var power = Math.Min(supply[from], demand[to]);
            if (power >= SmallestShownWatts)
            {
                flows.Add(new PowerFlow(from, to, power));
                supply[from] -= power;
                demand[to] -= power;
            }
        }

        return flows;
    }
}
