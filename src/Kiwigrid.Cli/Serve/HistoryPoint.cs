namespace Kiwigrid.Cli.Serve;

/// <summary>One point of the dashboard's chart: the totals of one snapshot. Powers in W, state of charge in %.</summary>
internal readonly record struct HistoryPoint(DateTimeOffset At, double? Pv, double? House, double? Grid, double? StateOfCharge)
{
    public static HistoryPoint From(SiteReading reading) => new(
        reading.MeasuredAt,
        reading.View.PvPower,
        reading.View.HousePower,
        reading.View.GridPower,
        reading.View.BatteryStateOfCharge);
}
