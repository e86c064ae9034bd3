using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// The HEMS analytics as the library's energy history (<see cref="EnergyHistoryColumns"/>). Our design: one day's
/// power (W every 5 minutes, turned into Wh), one day's energy per hour, or one month's energy per day is asked for
/// each period the span touches, from <c>production</c>, <c>consumption</c> and <c>storage</c>; a value's time is the
/// start of its interval. A series belongs to the Location when its device is none of the answer's devices.
/// </summary>
internal static class HemsHistory
{
    private const string Wh = "Wh";
    private const string Percent = "%";
    private const string SiteGuid = "location";

    // The Location's series per column: power (day at 5 min) and energy (hour, day) names.
    private static readonly (string Column, string Power, string Work)[] Flows =
    [
        (EnergyHistoryColumns.Production, TagNames.PowerProduced, TagNames.WorkProduced),
        (EnergyHistoryColumns.Consumption, TagNames.PowerConsumed, TagNames.WorkConsumed),
        (EnergyHistoryColumns.GridFeedIn, TagNames.PowerOut, TagNames.WorkOut),
        (EnergyHistoryColumns.GridPurchase, TagNames.PowerIn, TagNames.WorkIn),
        (EnergyHistoryColumns.BatteryCharge, TagNames.PowerBuffered, TagNames.WorkBuffered),
        (EnergyHistoryColumns.BatteryDischarge, TagNames.PowerReleased, TagNames.WorkReleased),
    ];

    private static readonly HemsAnalyticsKind[] Kinds = [HemsAnalyticsKind.Production, HemsAnalyticsKind.Consumption, HemsAnalyticsKind.Storage];

    public static async Task<HistoryTable> ReadAsync(HemsClient client, DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken)
    {
        if (until <= start)
        {
            throw new ArgumentException("The history's end must come after its start.", nameof(until));
        }

        var (effective, period) = resolution switch
        {
            HistoryResolution.FiveMinutes => (HistoryResolution.FiveMinutes, HemsAnalyticsPeriod.DayPower),
            HistoryResolution.OneDay => (HistoryResolution.OneDay, HemsAnalyticsPeriod.Month),

            // The API keeps no 15 or 30 minutes: the nearest coarser resolution it keeps is the hour.
            _ => (HistoryResolution.OneHour, HemsAnalyticsPeriod.Day),
        };
        var zone = client.Options.SiteTimeZone;
        var grid = new IntervalGrid(effective, zone);
        var answers = new List<HemsAnalytics>();
        foreach (var date in Periods(grid.Floor(start), until, zone, period))
        {
            foreach (var kind in Kinds)
            {
                if (await client.GetAnalyticsAsync(kind, period, date, cancellationToken).ConfigureAwait(false) is { } answer)
                {
                    answers.Add(answer);
                }
            }
        }

        return ToTable(answers, grid.Floor(start), until, grid, period);
    }

    /// <summary>Turns analytics answers into the table's rows from <paramref name="first"/> up to <paramref name="until"/>.</summary>
    internal static HistoryTable ToTable(IReadOnlyList<HemsAnalytics> answers, DateTimeOffset first, DateTimeOffset until, IntervalGrid grid, HemsAnalyticsPeriod period)
    {
        // A W value stands for its 5 minutes: W × 1/12 h = Wh.
        var factor = period == HemsAnalyticsPeriod.DayPower ? 5.0 / 60 : 1.0;
        var flows = Flows.ToDictionary(f => f.Column, _ => new SortedList<DateTimeOffset, double>());
        var socs = new Dictionary<string, SortedList<DateTimeOffset, double>>(StringComparer.Ordinal);
        string? site = null;
        foreach (var answer in answers)
        {
            var devices = answer.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var series in answer.Series)
            {
                if (series.Name == TagNames.StateOfCharge && series.DeviceId is { } battery)
                {
                    Collect(series, socs.TryGetValue(battery, out var known) ? known : socs[battery] = new(), 1.0);
                    continue;
                }

                var flow = Flows.FirstOrDefault(f => f.Power == series.Name || f.Work == series.Name);
                if (flow.Column is null || (series.DeviceId is { } id && devices.Contains(id)))
                {
                    continue;
                }

                site ??= series.DeviceId;
                Collect(series, flows[flow.Column], series.Name == flow.Power ? factor : 1.0);
            }
        }

        var siteGuid = site ?? SiteGuid;
        var columns = new List<HistoryColumn>();
        foreach (var (column, _, work) in Flows)
        {
            columns.Add(new HistoryColumn(column, Wh, HistoryAggregation.Increase, new HistoryDeviceTags(siteGuid, work)));
        }

        columns.Add(new HistoryColumn(EnergyHistoryColumns.SelfConsumption, Wh, HistoryAggregation.Increase, new HistoryDeviceTags(siteGuid, TagNames.WorkProduced, TagNames.WorkOut)));
        var batteries = socs.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var battery in batteries)
        {
            var label = batteries.Count == 1 ? EnergyHistoryColumns.StateOfCharge : $"{EnergyHistoryColumns.StateOfCharge} ({battery})";
            columns.Add(new HistoryColumn(label, Percent, HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags(battery, TagNames.StateOfCharge)));
        }

        var rows = new List<HistoryRow>();
        for (var rowStart = first; rowStart < until;)
        {
            var rowEnd = grid.Advance(rowStart, 1);
            var values = new List<double?>(columns.Count);
            foreach (var (column, _, _) in Flows)
            {
                values.Add(Sum(flows[column], rowStart, rowEnd));
            }

            // PV used on site = produced − fed in (our design: the API shows no split of the feed-in by source).
            var produced = values[0];
            var fedIn = values[2];
            values.Add(produced is { } p ? Math.Max(0, p - (fedIn ?? 0)) : null);
            foreach (var battery in batteries)
            {
                values.Add(Average(socs[battery], rowStart, rowEnd));
            }

            rows.Add(new HistoryRow(rowStart, rowEnd, values));
            rowStart = rowEnd;
        }

        return new HistoryTable(period == HemsAnalyticsPeriod.DayPower ? HistoryResolution.FiveMinutes : period == HemsAnalyticsPeriod.Day ? HistoryResolution.OneHour : HistoryResolution.OneDay, columns, rows);
    }

    /// <summary>The first day of each period (day or month, in the site's zone) that the span touches.</summary>
    private static IEnumerable<DateOnly> Periods(DateTimeOffset first, DateTimeOffset until, TimeZoneInfo zone, HemsAnalyticsPeriod period)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(first, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(until.AddTicks(-1), zone).DateTime);
        if (period == HemsAnalyticsPeriod.Month)
        {
            day = new DateOnly(day.Year, day.Month, 1);
        }

        for (; day <= last; day = period == HemsAnalyticsPeriod.Month ? day.AddMonths(1) : day.AddDays(1))
        {
            yield return day;
        }
    }

    private static void Collect(HemsTimeSeries series, SortedList<DateTimeOffset, double> into, double factor)
    {
        foreach (var (at, value) in series.Values)
        {
            if (value is { } v)
            {
                // The same series may come in two answers (production and storage both carry PowerBuffered): set, not add.
                into[at.ToUniversalTime()] = v * factor;
            }
        }
    }

    /// <summary>The values of one column that fall into [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private static IEnumerable<double> InRow(SortedList<DateTimeOffset, double> values, DateTimeOffset start, DateTimeOffset end)
    {
        // Rows and values are both in time order: a binary search finds the row's first value.
        var keys = values.Keys;
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (keys[mid] < start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var i = low; i < keys.Count && keys[i] < end; i++)
        {
            yield return values.Values[i];
        }
    }

    private static double? Sum(SortedList<DateTimeOffset, double> values, DateTimeOffset start, DateTimeOffset end)
    {
        double? sum = null;
        foreach (var value in InRow(values, start, end))
        {
            sum = (sum ?? 0) + value;
        }

        return sum;
    }

    private static double? Average(SortedList<DateTimeOffset, double> values, DateTimeOffset start, DateTimeOffset end)
    {
        var inRow = InRow(values, start, end).ToList();
        return inRow.Count == 0 ? null : inRow.Average();
    }
}
