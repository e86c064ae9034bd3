namespace Kiwigrid.Hosting.Views;

/// <summary>Calendar days on a time zone's clock: what "today" and "midnight" mean for the charts, totals and history.</summary>
internal static class LocalDays
{
    /// <summary>The date <paramref name="at"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The start of <paramref name="day"/>'s date in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Midnight(DateTime day, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The start of the local day <paramref name="at"/> falls on in <paramref name="zone"/>.</summary>
    public static DateTimeOffset MidnightBefore(DateTimeOffset at, TimeZoneInfo zone) => Midnight(TimeZoneInfo.ConvertTime(at, zone).DateTime, zone);
}
