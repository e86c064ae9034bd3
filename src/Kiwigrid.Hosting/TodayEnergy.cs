using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Hosting;

/// <summary>
/// Today's energy totals, kept as the readings come: each Location counter's increase since the day's first reading
/// (<see cref="LocationCounters"/>), plus what the cloud's history counts before that reading once it arrives
/// (<see cref="AddEarlier"/>). A counter that goes backwards (reset, replaced meter) or is missing costs only that
/// step, so no total ever shrinks. The first reading of a new local day starts the day afresh from its counters.
/// </summary>
internal sealed class TodayEnergy(TimeZoneInfo timeZone)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, double> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _increases = new(StringComparer.Ordinal);
    private DateOnly? _day;
    private DateTimeOffset _firstReading;
    private EarlierEnergy? _earlier;

    /// <summary>Counts the step to <paramref name="reading"/>, measured at <see cref="SiteReading.MeasuredAt"/>.</summary>
    public void Add(SiteReading reading)
    {
        var at = reading.MeasuredAt;
        lock (_lock)
        {
            var day = LocalDate(at);
            if (_day != day)
            {
                _day = day;
                _firstReading = at;
                _earlier = null;
                _counters.Clear();
                _increases.Clear();
            }

            foreach (var (tag, value) in LocationCounters.Read(reading))
            {
                // The first value of a counter is its baseline; a step back is a new one.
                if (_counters.TryGetValue(tag, out var last) && value >= last)
                {
                    _increases[tag] = _increases.GetValueOrDefault(tag) + (value - last);
                }

                _counters[tag] = value;
            }
        }
    }

    /// <summary>
    /// Adds what the history counts before the day's first reading; only when it ends at that reading (the day has
    /// not changed since it was asked for) and only once.
    /// </summary>
    /// <returns>Whether the totals changed.</returns>
    public bool AddEarlier(EarlierEnergy earlier)
    {
        lock (_lock)
        {
            if (_day is null || _earlier is not null || earlier.Until != _firstReading || earlier.From > earlier.Until)
            {
                return false;
            }

            _earlier = earlier;
            return true;
        }
    }

    /// <summary>The totals so far; null before the first reading.</summary>
    public TodayTotals? Current()
    {
        lock (_lock)
        {
            if (_day is null)
            {
                return null;
            }

            var live = LocationCounters.Totals(tag => _increases.GetValueOrDefault(tag));
            return _earlier is { } earlier
                ? new TodayTotals(earlier.From, WholeDay: true, earlier.Energy + live)
                : new TodayTotals(_firstReading, WholeDay: false, live);
        }
    }

    private DateOnly LocalDate(DateTimeOffset at) => LocalDays.DateOf(at, timeZone);
}
