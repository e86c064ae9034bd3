namespace Kiwigrid.Hosting;

/// <summary>Today's energy as the dashboard shows it.</summary>
/// <param name="From">Where the totals start: local midnight, or the first reading when the morning is unknown.</param>
/// <param name="WholeDay">Whether they cover the day from midnight (the cloud's history filled the time before the first reading).</param>
/// <param name="Energy">The totals, Wh.</param>
internal sealed record TodayTotals(DateTimeOffset From, bool WholeDay, EnergyTotals Energy);
