namespace Kiwigrid.Hosting.Views;

/// <summary>
/// Checks a reading against the energy balance: what PV, the grid and the battery supply is what the house, the grid
/// and the battery take, and each place's total is the sum of its flows. A site whose numbers break it (a broken
/// meter, a randomised dump) is marked instead of shown as if it were fine.
/// </summary>
internal static class EnergyBalance
{
    /// <summary>Meters round and jitter by a few watts; below this no gap is worth a word.</summary>
    public const double ToleranceWatts = 10;

    /// <summary>…nor below this share of the larger figure (a 2 % gap on 5 kW is 100 W of timing, not a fault).</summary>
    public const double ToleranceShare = 0.02;

    /// <summary>The gaps beyond the tolerance, largest first; empty when the figures agree or too few are known.</summary>
    /// <param name="view">The totals.</param>
    /// <param name="flowsReported">Whether <see cref="HomeView.Flows"/> are the site's own (else estimated from the totals, which agree with them by construction).</param>
    public static IReadOnlyList<BalanceGap> Gaps(HomeView view, bool flowsReported)
    {
        var gaps = new List<BalanceGap>();
        if (flowsReported)
        {
            double Out(EnergyNode node) => view.Flows.Where(f => f.From == node).Sum(f => f.Power);
            double In(EnergyNode node) => view.Flows.Where(f => f.To == node).Sum(f => f.Power);
            Check(gaps, "pv", "PV production", view.PvPower, Out(EnergyNode.Pv), "flow out of PV");
            Check(gaps, "house", "House consumption", view.HousePower, In(EnergyNode.House), "flow into the house");
            Check(gaps, "gridImport", "Grid import", view.GridImportPower, Out(EnergyNode.Grid), "flow from the grid");
            Check(gaps, "gridExport", "Grid export", view.GridExportPower, In(EnergyNode.Grid), "flow into the grid");
            Check(gaps, "batteryCharging", "Battery charging", view.BatteryChargingPower, In(EnergyNode.Battery), "flow into the battery");
            Check(gaps, "batteryDischarging", "Battery discharging", view.BatteryDischargingPower, Out(EnergyNode.Battery), "flow out of the battery");
        }

        if (view is { PvPower: { } pv, HousePower: { } house, GridImportPower: { } import, GridExportPower: { } export })
        {
            var sources = pv + import + (view.BatteryDischargingPower ?? 0);
            var uses = house + export + (view.BatteryChargingPower ?? 0);
            if (Beyond(sources, uses))
            {
                gaps.Add(new BalanceGap(
                    "total",
                    sources,
                    uses,
                    $"PV, grid import and battery discharging add up to {PowerText.Watts(sources)}, house, grid export and battery charging to {PowerText.Watts(uses)} ({PowerText.Watts(Math.Abs(sources - uses))} apart)."));
            }
        }

        return [.. gaps.OrderByDescending(g => Math.Abs(g.Difference))];
    }

    private static void Check(List<BalanceGap> gaps, string figure, string label, double? reported, double flows, string flowing)
    {
        if (reported is { } total && Beyond(total, flows))
        {
            gaps.Add(new BalanceGap(
                figure,
                total,
                flows,
                $"{label} is {PowerText.Watts(total)}, but {PowerText.Watts(flows)} {flowing} ({PowerText.Watts(Math.Abs(total - flows))} apart)."));
        }
    }

    private static bool Beyond(double a, double b) =>
        Math.Abs(a - b) > Math.Max(ToleranceWatts, ToleranceShare * Math.Max(Math.Abs(a), Math.Abs(b)));
}
