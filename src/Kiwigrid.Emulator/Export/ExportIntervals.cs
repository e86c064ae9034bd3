namespace Kiwigrid.Emulator.Export;

/// <summary>
/// The rows of an export: consecutive intervals <c>[t, t + resolution)</c> in a time zone. The first starts at
/// <c>from</c> rounded down to a whole step of local time (local midnight for <c>P1D</c>), the last starts before
/// <c>to</c>. Sub-day steps are absolute, so a local day has 92 or 100 quarter hours when daylight saving changes;
/// <c>P1D</c> rows are local calendar days of 23, 24 or 25 hours.
/// </summary>
internal sealed class ExportIntervals
{
    public const int MaxRows = 10_000;

    private readonly DateTimeOffset[] _boundaries;

    private ExportIntervals(DateTimeOffset[] boundaries) => _boundaries = boundaries;

    /// <summary>The number of rows.</summary>
    public int Count => _boundaries.Length - 1;

    /// <summary>Where row <paramref name="row"/> starts, and the previous one ends.</summary>
    public DateTimeOffset Start(int row) => _boundaries[row];

    /// <summary>Where row <paramref name="row"/> ends (exclusive).</summary>
    public DateTimeOffset End(int row) => _boundaries[row + 1];

    /// <summary>The end of the last row.</summary>
    public DateTimeOffset Last => _boundaries[^1];

    /// <summary>The rows between <paramref name="from"/> and <paramref name="to"/>; <paramref name="step"/> of one day means local days.</summary>
    /// <exception cref="InvalidExportRequestException">The span needs more than <see cref="MaxRows"/> rows.</exception>
    public static ExportIntervals Create(TimeSpan step, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var boundaries = new List<DateTimeOffset>();
        if (step == TimeSpan.FromDays(1))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
            var start = LocalMidnight(day, zone);
            boundaries.Add(start);
            while (start < to && boundaries.Count <= MaxRows + 1)
            {
                day = day.AddDays(1);
                start = LocalMidnight(day, zone);
                boundaries.Add(start);
            }
        }
        else
        {
            var offset = zone.GetUtcOffset(from);
            var local = (from + offset).ToUnixTimeSeconds();
            var first = from - TimeSpan.FromSeconds(((local % (long)step.TotalSeconds) + (long)step.TotalSeconds) % (long)step.TotalSeconds);
            var rows = (long)Math.Ceiling((to - first) / step);
            RequireRows(rows);
            for (var i = 0L; i <= rows; i++)
            {
                boundaries.Add(first + (step * i));
            }
        }

        RequireRows(boundaries[^1] < to ? MaxRows + 1 : boundaries.Count - 1);
        return new ExportIntervals([.. boundaries]);
    }

    /// <summary>The first instant of a local date: midnight, or the first valid time after it where a clock change skips midnight.</summary>
    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // A repeated midnight starts the day at its first occurrence, the one with the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static void RequireRows(long rows)
    {
        if (rows > MaxRows)
        {
            throw new InvalidExportRequestException(
                $"aggregationConfig.from to aggregationConfig.to spans more than the {MaxRows} intervals of aggregationConfig.resolution an export may have.");
        }
    }
}
