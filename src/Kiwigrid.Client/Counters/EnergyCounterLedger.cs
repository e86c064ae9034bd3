using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Client.Counters;

/// <summary>
/// Lifetime energy counters (Wh) that never decrease and never jump, built for one site from sources that report only
/// each day's total so far (today's SOLARWATT cloud). Publish them where a meter would go, e.g. as Home Assistant
/// <c>total_increasing</c> sensors.
/// </summary>
/// <remarks>
/// <para>
/// A counter is the sum over the site's local days of the largest total seen for each day. Feed it every day total a
/// source answers: today's so far at each poll, yesterday's final after midnight, the days of a month answer after a
/// gap. Hence a day rollover adds the day's final total once; a lower value for a day (a downward correction, a source
/// answering 0 after midnight) changes nothing; a larger one for a past day (a late hour) adds only the difference;
/// repeating a span adds nothing; a restart goes on from the state file.
/// </para>
/// <para>
/// Only day totals are taken: never feed a month's or a year's sum, which would count its days a second time. Days
/// later than the site's today are ignored, and so are days older than <see cref="RetainedDays"/>: their totals are
/// folded into one sum and can no longer change.
/// </para>
/// <para>Thread-safe. With a state path, every change is written to it at once (temporary file, then rename).</para>
/// </remarks>
public sealed class EnergyCounterLedger
{
    /// <summary>
    /// How many local days, today included, still take a value or a correction. Covers a month answer fed after a gap of
    /// a month; older days are folded into one sum.
    /// </summary>
    public const int RetainedDays = 62;

    // No home uses a gigawatt-hour a day; a larger or non-finite value is a glitch, not energy.
    private const double MostWattHoursInADay = 1e9;

    private readonly Lock gate = new();
    private readonly TimeZoneInfo siteTimeZone;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly EnergyCounterStateFile? stateFile;
    private readonly Dictionary<EnergyQuantity, DailyEnergyTotals> totals;

    /// <summary>Creates the ledger and reads its state file, if there is one.</summary>
    /// <param name="siteTimeZone">The site's time zone, whose midnights separate the days.</param>
    /// <param name="timeProvider">The clock that says which local day is today.</param>
    /// <param name="statePath">
    /// The JSON file that keeps the counters across restarts; null keeps them in memory only. A missing file starts
    /// at zero; an unreadable one too, with one warning, and it is kept beside as <c>&lt;path&gt;.unreadable</c>.
    /// </param>
    /// <param name="logger">Where warnings about the state file go.</param>
    public EnergyCounterLedger(TimeZoneInfo siteTimeZone, TimeProvider timeProvider, string? statePath = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(siteTimeZone);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (statePath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(statePath);
        }

        this.siteTimeZone = siteTimeZone;
        this.timeProvider = timeProvider;
        this.logger = logger ?? NullLogger.Instance;
        stateFile = statePath is null ? null : new EnergyCounterStateFile(statePath, this.logger);
        totals = stateFile?.Read() ?? [];
    }

    /// <summary>The site's local day now.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), siteTimeZone).DateTime);

    /// <summary>The counter of <paramref name="quantity"/> (Wh), or null if no total of it was ever taken.</summary>
    public double? GetCounter(EnergyQuantity quantity)
    {
        lock (gate)
        {
            return totals.TryGetValue(quantity, out DailyEnergyTotals? quantityTotals) ? (double)quantityTotals.WattHours : null;
        }
    }

    /// <summary>Every counter taken so far (Wh).</summary>
    public IReadOnlyDictionary<EnergyQuantity, double> GetCounters()
    {
        lock (gate)
        {
            return totals.ToDictionary(pair => pair.Key, pair => (double)pair.Value.WattHours);
        }
    }

    /// <summary>
    /// Takes today's total so far of <paramref name="quantity"/>; true if the ledger changed (and was written). Only for
    /// a source whose answer is known to be today's: one that may still answer yesterday's total just after midnight
    /// must name the day its answer carries through <see cref="Observe(EnergyQuantity, DateOnly, double)"/>, or that
    /// total would count twice.
    /// </summary>
    public bool ObserveToday(EnergyQuantity quantity, double wattHours)
    {
        return Observe([new EnergyDayTotal(quantity, Today, wattHours)]);
    }

    /// <summary>Takes one day's total so far (or final); true if the ledger changed (and was written).</summary>
    public bool Observe(EnergyQuantity quantity, DateOnly day, double wattHours)
    {
        return Observe([new EnergyDayTotal(quantity, day, wattHours)]);
    }

    /// <summary>
    /// Takes many days' totals at once, e.g. the days of a month answer after <c>serve</c> was off, and writes the state
    /// once; true if the ledger changed. Days already counted add only what they grew by, so a span may be fed again.
    /// </summary>
    public bool Observe(IEnumerable<EnergyDayTotal> dayTotals)
    {
        ArgumentNullException.ThrowIfNull(dayTotals);
        lock (gate)
        {
            DateOnly today = Today;
            bool changed = FoldDaysBefore(today.AddDays(1 - RetainedDays));
            foreach (EnergyDayTotal dayTotal in dayTotals)
            {
                changed |= Take(dayTotal, today);
            }

            if (changed)
            {
                stateFile?.Write(totals);
            }

            return changed;
        }
    }

    private bool Take(EnergyDayTotal dayTotal, DateOnly today)
    {
        if (dayTotal.Day > today)
        {
            // Tomorrow's total is a source ahead of the clock; the next poll reports the same energy under its own day.
            return false;
        }

        if (!double.IsFinite(dayTotal.WattHours) || dayTotal.WattHours is < 0 or > MostWattHoursInADay)
        {
            EnergyCounterLog.ImplausibleTotal(logger, dayTotal.Quantity, dayTotal.WattHours, dayTotal.Day);
            return false;
        }

        if (totals.TryGetValue(dayTotal.Quantity, out DailyEnergyTotals? quantityTotals))
        {
            return quantityTotals.Observe(dayTotal.Day, (decimal)dayTotal.WattHours);
        }

        // A quantity's first total starts its counter; one too old to be taken leaves it absent.
        quantityTotals = new DailyEnergyTotals();
        quantityTotals.FoldThrough(today.AddDays(-RetainedDays));
        if (!quantityTotals.Observe(dayTotal.Day, (decimal)dayTotal.WattHours))
        {
            return false;
        }

        totals.Add(dayTotal.Quantity, quantityTotals);
        return true;
    }

    private bool FoldDaysBefore(DateOnly firstRetainedDay)
    {
        bool folded = false;
        foreach (DailyEnergyTotals quantityTotals in totals.Values)
        {
            folded |= quantityTotals.FoldThrough(firstRetainedDay.AddDays(-1));
        }

        return folded;
    }
}
