using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.History;

namespace Kiwigrid.Hosting;

/// <summary>
/// Energy over a span, Wh, in the portal's terms: produced, consumed (from PV, grid and battery), bought from the grid
/// (consumed and stored), fed in (from PV and battery), charged into and discharged from the battery, and the PV
/// energy used on site (consumed and stored).
/// </summary>
internal readonly record struct EnergyTotals(double Produced, double Consumed, double Bought, double FedIn, double Charged, double Discharged, double SelfConsumed)
{
    /// <summary>The share of the consumption not bought from the grid, %; null without consumption.</summary>
    public double? SelfSufficiencyPercent => Consumed > 0 ? Math.Clamp(100 * (1 - (Bought / Consumed)), 0, 100) : null;

    /// <summary>The share of the production used at home (consumed or stored), %; null without production.</summary>
    public double? SelfConsumptionPercent => Produced > 0 ? Math.Clamp(100 * SelfConsumed / Produced, 0, 100) : null;

    public static EnergyTotals operator +(EnergyTotals a, EnergyTotals b) => new(
        a.Produced + b.Produced,
        a.Consumed + b.Consumed,
        a.Bought + b.Bought,
        a.FedIn + b.FedIn,
        a.Charged + b.Charged,
        a.Discharged + b.Discharged,
        a.SelfConsumed + b.SelfConsumed);

    /// <summary>
    /// The sums of an energy history's columns (<see cref="EnergyHistoryColumns"/>) over the rows that start before
    /// <paramref name="until"/>: the last one, still running when the history was asked for, counts as far as the
    /// backend has it. Null when no row has an energy value (the backend keeps no history of the site).
    /// </summary>
    public static EnergyTotals? FromEnergyHistory(HistoryTable history, DateTimeOffset until)
    {
        var rows = history.Rows.Where(r => r.Start < until).ToList();
        int[] columns =
        [
            history.IndexOf(EnergyHistoryColumns.Production),
            history.IndexOf(EnergyHistoryColumns.Consumption),
            history.IndexOf(EnergyHistoryColumns.GridPurchase),
            history.IndexOf(EnergyHistoryColumns.GridFeedIn),
            history.IndexOf(EnergyHistoryColumns.BatteryCharge),
            history.IndexOf(EnergyHistoryColumns.BatteryDischarge),
            history.IndexOf(EnergyHistoryColumns.SelfConsumption),
        ];
        var values = columns.Select(c => c < 0 ? [] : rows.Select(r => r[c]).OfType<double>().Where(DeviceNumber.IsQuantity).ToList()).ToList();
        if (values.All(v => v.Count == 0))
        {
            return null;
        }

        var sums = values.Select(v => v.Sum()).ToList();
        return new EnergyTotals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);
    }
}
