namespace Kiwigrid.Client.Counters;

/// <summary>A quantity's energy on one local day of the site, so far or final, as a source reports it.</summary>
/// <param name="Quantity">Which energy.</param>
/// <param name="Day">The site's local day the source says the total belongs to (not the day it was read).</param>
/// <param name="WattHours">The day's total so far (Wh).</param>
public readonly record struct EnergyDayTotal(EnergyQuantity Quantity, DateOnly Day, double WattHours);
