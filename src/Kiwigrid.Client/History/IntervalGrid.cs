namespace Kiwigrid.Client.History;

/// <summary>
/// The interval boundaries of one resolution in one time zone: where a span's first row starts, where the row
/// after a given one starts, and the backend's name of the resolution.
/// </summary>
internal sealed class IntervalGrid(HistoryResolution resolution, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The ISO-8601 duration the backend expects.</summary>
    public string IsoDuration { get; } = resolution switch
    {
        HistoryResolution.FiveMinutes => "PT5M",
        HistoryResolution.FifteenMinutes => "PT15M",
        HistoryResolution.ThirtyMinutes => "PT30M",
        HistoryResolution.OneHour => "PT1H",
        HistoryResolution.OneDay => "P1D",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Not a history resolution."),
    };

    private bool IsDaily => resolution == HistoryResolution.OneDay;

    private TimeSpan Step => resolution switch
    {
        HistoryResolution.FiveMinutes => TimeSpan.FromMinutes(5),
        HistoryResolution.FifteenMinutes => TimeSpan.FromMinutes(15),
        HistoryResolution.ThirtyMinutes => TimeSpan.FromMinutes(30),
        HistoryResolution.OneHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>The start of the interval holding <paramref name="time"/>: rounded down on the zone's clock.</summary>
    public DateTimeOffset Floor(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, Zone);
        if (IsDaily)
        {
            return AtLocal(local.Date);
        }

        var ticks = local.DateTime.Ticks;
        var floored = new DateTime(ticks - (ticks % Step.Ticks), DateTimeKind.Unspecified);
        return new DateTimeOffset(floored, local.Offset);
    }

    /// <summary>The boundary <paramref name="steps"/> intervals after the boundary <paramref name="start"/>.</summary>
    public DateTimeOffset Advance(DateTimeOffset start, int steps)
    {
        if (!IsDaily)
        {
            // Daylight saving shifts clocks by whole hours, so absolute steps stay on the zone's boundaries.
            return TimeZoneInfo.ConvertTime(start + (Step * steps), Zone);
        }

        var local = TimeZoneInfo.ConvertTime(start, Zone);
        return AtLocal(local.Date.AddDays(steps));
    }

    /// <summary>
    /// The instant a wall-clock time of the zone means. A time the clock shows twice (daylight saving ends) is the
    /// first showing after <paramref name="after"/>, since rows come in time order; null for a time that does not exist.
    /// </summary>
    public DateTimeOffset? Resolve(DateTime wallClock, DateTimeOffset? after)
    {
        if (Zone == TimeZoneInfo.Utc)
        {
            return new DateTimeOffset(wallClock, TimeSpan.Zero);
        }

        if (Zone.IsInvalidTime(wallClock))
        {
            return null;
        }

        if (Zone.IsAmbiguousTime(wallClock))
        {
            var candidates = Zone.GetAmbiguousTimeOffsets(wallClock)
                .Select(offset => new DateTimeOffset(wallClock, offset))
                .OrderBy(t => t.UtcDateTime)
                .ToList();
            return candidates.FirstOrDefault(t => after is null || t > after.Value, candidates[^1]);
        }

        return new DateTimeOffset(wallClock, Zone.GetUtcOffset(wallClock));
    }

    // Midnight that does not exist (a few zones start daylight saving at 00:00) is the first instant of the day.
    private DateTimeOffset AtLocal(DateTime date)
    {
        var midnight = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return Resolve(midnight, null)!.Value;
    }
}
