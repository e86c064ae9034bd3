using Kiwigrid.Client.History;

namespace Kiwigrid.Hosting;

/// <summary>
/// One point of the dashboard's chart. Powers in W, state of charge in %. A live point holds one snapshot's totals
/// (<see cref="Interval"/> zero); a point from the cloud's history holds the averages over the interval starting at
/// <see cref="At"/>.
/// </summary>
internal readonly record struct HistoryPoint(DateTimeOffset At, double? Pv, double? House, double? Grid, double? StateOfCharge, TimeSpan Interval = default)
{
    public bool IsAverage => Interval > TimeSpan.Zero;

    public static HistoryPoint From(SiteReading reading) => new(
        reading.MeasuredAt,
        reading.View.PvPower,
        reading.View.HousePower,
        reading.View.GridPower,
        reading.View.BatteryStateOfCharge);

    /// <summary>
    /// The rows of an energy history (<see cref="EnergyHistoryColumns"/>) that end by <paramref name="until"/>, as
    /// average powers: an interval's Wh divided by its hours (× 4 for a quarter hour). Rows without any value (the
    /// backend has none yet) are left out.
    /// </summary>
    public static IReadOnlyList<HistoryPoint> FromEnergyHistory(HistoryTable history, DateTimeOffset until)
    {
        var production = history.IndexOf(EnergyHistoryColumns.Production);
        var consumption = history.IndexOf(EnergyHistoryColumns.Consumption);
        var purchase = history.IndexOf(EnergyHistoryColumns.GridPurchase);
        var feedIn = history.IndexOf(EnergyHistoryColumns.GridFeedIn);
        // One column per battery: their plain mean (the live figure weighs by capacity, which the history lacks).
        var charges = Enumerable.Range(0, history.Columns.Count)
            .Where(i => history.Columns[i].Label.StartsWith(EnergyHistoryColumns.StateOfCharge, StringComparison.Ordinal))
            .ToList();

        var points = new List<HistoryPoint>();
        foreach (var row in history.Rows.Where(r => r.End <= until))
        {
            var hours = (row.End - row.Start).TotalHours;
            double? Power(int column) => column >= 0 && row[column] is { } wh ? wh / hours : null;
            var (buy, sell) = (Power(purchase), Power(feedIn));
            var socs = charges.Select(i => row[i]).OfType<double>().ToList();
            var point = new HistoryPoint(
                row.Start,
                Power(production),
                Power(consumption),
                buy is null && sell is null ? null : (buy ?? 0) - (sell ?? 0),
                socs.Count == 0 ? null : socs.Average(),
                row.End - row.Start);
            if (point.Pv is not null || point.House is not null || point.Grid is not null || point.StateOfCharge is not null)
            {
                points.Add(point);
            }
        }

        return points;
    }
}
