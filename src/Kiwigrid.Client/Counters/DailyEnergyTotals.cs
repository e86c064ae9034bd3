namespace Kiwigrid.Client.Counters;

/// <summary>
/// One quantity's energy per local day (Wh): the largest total seen for each day still open to corrections, and the
/// sum of the days before them, folded into one number once they are too old to change.
/// </summary>
/// <remarks>
/// The counter is the sum over days of each day's largest total, which does not depend on the order, the repetition or
/// the timing of the observations: a rollover, a restart, a repeated span or a late day can neither lower it nor count
/// a day twice. A day's total may arrive again later (a fresh analytics answer for yesterday); only its increase over
/// what the day already counted is added.
/// </remarks>
internal sealed class DailyEnergyTotals
{
    private readonly SortedDictionary<DateOnly, decimal> openDays;

    public DailyEnergyTotals()
        : this(0m, null, [])
    {
    }

    public DailyEnergyTotals(decimal foldedWattHours, DateOnly? foldedThrough, SortedDictionary<DateOnly, decimal> openDays)
    {
        FoldedWattHours = foldedWattHours;
        FoldedThrough = foldedThrough;
        this.openDays = openDays;
    }

    /// <summary>The energy of every day up to <see cref="FoldedThrough"/>, which no observation changes any more.</summary>
    public decimal FoldedWattHours { get; private set; }

    /// <summary>The last folded day; null while none is.</summary>
    public DateOnly? FoldedThrough { get; private set; }

    /// <summary>The largest total seen for each day after <see cref="FoldedThrough"/>.</summary>
    public IReadOnlyDictionary<DateOnly, decimal> OpenDays => openDays;

    public decimal WattHours => FoldedWattHours + openDays.Values.Sum();

    /// <summary>Counts <paramref name="wattHours"/> as the day's total so far; true if it is more than the day counted (or the day is new).</summary>
    public bool Observe(DateOnly day, decimal wattHours)
    {
        if (day <= FoldedThrough)
        {
            return false;
        }

        if (openDays.TryGetValue(day, out decimal counted) && counted >= wattHours)
        {
            return false;
        }

        openDays[day] = wattHours;
        return true;
    }

    /// <summary>Folds the days up to <paramref name="lastDay"/> into one sum; later values for them are ignored.</summary>
    public bool FoldThrough(DateOnly lastDay)
    {
        if (lastDay <= FoldedThrough)
        {
            return false;
        }

        foreach (DateOnly day in openDays.Keys.TakeWhile(day => day <= lastDay).ToList())
        {
            FoldedWattHours += openDays[day];
            openDays.Remove(day);
        }

        FoldedThrough = lastDay;
        return true;
    }
}
