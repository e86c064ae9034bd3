namespace Kiwigrid.Client.Counters;

/// <summary>The state file of an <see cref="EnergyCounterLedger"/>: what a restart needs to go on without a drop or a double count.</summary>
/// <param name="Version">The file's layout; only <see cref="CurrentVersion"/> is read.</param>
/// <param name="Quantities">One entry per quantity observed so far.</param>
internal sealed record EnergyCounterState(int Version, IReadOnlyList<QuantityCounterState> Quantities)
{
    public const int CurrentVersion = 1;
}

/// <summary>One quantity's <see cref="DailyEnergyTotals"/> as stored.</summary>
internal sealed record QuantityCounterState(EnergyQuantity Quantity, decimal FoldedWattHours, DateOnly? FoldedThrough, IReadOnlyList<DayTotalState> Days);

/// <summary>The largest total seen for one local day.</summary>
internal sealed record DayTotalState(DateOnly Day, decimal WattHours);
