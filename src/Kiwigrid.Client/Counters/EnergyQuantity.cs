namespace Kiwigrid.Client.Counters;

/// <summary>
/// An energy that a site sums per day and that <see cref="EnergyCounterLedger"/> turns into a never-decreasing counter;
/// each corresponds to one of the 2018 Location's lifetime counters (the tag in parentheses).
/// </summary>
public enum EnergyQuantity
{
    /// <summary>Energy produced by the PV plants (<c>WorkProduced</c>).</summary>
    Production,

    /// <summary>Energy consumed by the home (<c>WorkConsumed</c>).</summary>
    Consumption,

    /// <summary>Energy bought from the grid (<c>WorkIn</c>).</summary>
    GridImport,

    /// <summary>Energy fed into the grid (<c>WorkOut</c>).</summary>
    GridExport,

    /// <summary>Energy charged into the batteries (<c>WorkBuffered</c>).</summary>
    BatteryCharge,

    /// <summary>Energy discharged from the batteries (<c>WorkReleased</c>).</summary>
    BatteryDischarge,
}
