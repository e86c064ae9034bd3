using Kiwigrid.Emulator.Export;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// The device tags an analytics answer needs, per row, from the same recomputation the CSV export uses
/// (<see cref="SimulatedHistory"/>): <c>Work…</c> counters as their increase over the row (Wh), anything else as
/// its time-weighted average (W, %). Rows of a month (<c>P1M</c>) are sums of local days. A row after the site's
/// simulated now, and every row of a replayed dump (it has no past), has no value.
/// </summary>
internal sealed class HemsHistory
{
    private readonly Dictionary<(string Guid, string Tag), int> _position = [];
    private readonly double?[][] _values;
    private readonly DateTimeOffset[] _starts;
    private readonly DateTimeOffset[] _ends;

    public HemsHistory(ISite site, IEnumerable<(string Guid, string Tag)> tags, HemsAnalyticsQuery query, TimeZoneInfo zone)
    {
        var series = new List<TagSeries>();
        foreach (var (guid, tag) in tags.Distinct())
        {
            _position[(guid, tag)] = series.Count;
            var aggregate = tag.StartsWith("Work", StringComparison.Ordinal) ? TagAggregate.Increase : TagAggregate.TimeWeightedAverage;
            series.Add(new TagSeries(guid, tag, aggregate));
        }

        var rows = ExportIntervals.Create(query.Resolution.ComputedStep(), query.From, query.To, zone);
        var history = site is SimulatedSite simulated && series.Count > 0 ? SimulatedHistory.Compute(simulated, series, rows) : null;
        var computed = new double?[series.Count][];
        for (var i = 0; i < series.Count; i++)
        {
            computed[i] = new double?[rows.Count];
            for (var row = 0; history is not null && row < rows.Count; row++)
            {
                computed[i][row] = history.Value(i, row);
            }
        }

        var starts = Enumerable.Range(0, rows.Count).Select(rows.Start).ToArray();
        var ends = Enumerable.Range(0, rows.Count).Select(rows.End).ToArray();
        if (query.Resolution == HemsResolution.Month)
        {
            (starts, ends, computed) = ByMonth(starts, ends, computed, zone);
        }

        _starts = starts;
        _ends = ends;
        _values = computed;
    }

    public int Count => _starts.Length;

    public DateTimeOffset Start(int row) => _starts[row];

    public double Hours(int row) => (_ends[row] - _starts[row]).TotalHours;

    public double? Value(string guid, string tag, int row) => _values[_position[(guid, tag)]][row];

    /// <summary>The sum over the rows that have a value; null when none has.</summary>
    public double? Total(string guid, string tag)
    {
        var values = _values[_position[(guid, tag)]];
        return values.Any(v => v.HasValue) ? values.Sum(v => v ?? 0) : null;
    }

    private static (DateTimeOffset[] Starts, DateTimeOffset[] Ends, double?[][] Values) ByMonth(
        DateTimeOffset[] days, DateTimeOffset[] dayEnds, double?[][] values, TimeZoneInfo zone)
    {
        var months = new List<int>();
        var monthOfDay = new int[days.Length];
        for (var day = 0; day < days.Length; day++)
        {
            var local = TimeZoneInfo.ConvertTime(days[day], zone);
            if (day == 0 || local.Day == 1)
            {
                months.Add(day);
            }

            monthOfDay[day] = months.Count - 1;
        }

        var starts = months.Select(d => days[d]).ToArray();
        var ends = months.Select((_, m) => m + 1 < months.Count ? days[months[m + 1]] : dayEnds[^1]).ToArray();
        var summed = new double?[values.Length][];
        for (var i = 0; i < values.Length; i++)
        {
            summed[i] = new double?[months.Count];
            for (var day = 0; day < days.Length; day++)
            {
                if (values[i][day] is { } value)
                {
                    summed[i][monthOfDay[day]] = (summed[i][monthOfDay[day]] ?? 0) + value;
                }
            }
        }

        return (starts, ends, summed);
    }
}
