using System.Globalization;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// The span <c>kiwigrid history</c> asks for, from <c>--from</c> and <c>--to</c>: <c>today</c>, <c>yesterday</c>, a
/// date (<c>2025-06-21</c>, a whole day on the local clock) or an ISO date-time (local unless it names an offset).
/// </summary>
internal sealed record HistorySpan(DateTimeOffset From, DateTimeOffset To)
{
    private const string Accepted = "today, yesterday, a date such as 2025-06-21 or an ISO date-time such as 2025-06-21T06:00 or 2025-06-21T06:00+02:00";

    private static readonly string[] WallClockFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>
    /// Reads the options. Without <c>--from</c> the span starts today; without <c>--to</c> it ends with the day
    /// <c>--from</c> names (but not after now), or now when <c>--from</c> is a date-time. A date as <c>--to</c>
    /// includes that whole day.
    /// </summary>
    /// <exception cref="CliUsageException">A value is not a date, or the span is empty.</exception>
    public static HistorySpan Resolve(string? from, string? to, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var (start, startDay) = from is null ? (LocalDays.Midnight(today, zone), today) : Parse("--from", from, today, zone);
        DateTimeOffset end;
        if (to is not null)
        {
            var (instant, day) = Parse("--to", to, today, zone);
            end = day is { } whole ? LocalDays.Midnight(whole.AddDays(1), zone) : instant;
        }
        else if (startDay is { } day)
        {
            var endOfDay = LocalDays.Midnight(day.AddDays(1), zone);
            end = now < endOfDay && now > start ? now : endOfDay;
        }
        else
        {
            end = now;
        }

        if (end <= start)
        {
            throw new CliUsageException($"The span is empty: --to ({Show(end, zone)}) must come after --from ({Show(start, zone)}).");
        }

        return new HistorySpan(start, end);
    }

    /// <summary>The instant a value means, and the day when it names a whole day.</summary>
    private static (DateTimeOffset Instant, DateTime? Day) Parse(string option, string text, DateTime today, TimeZoneInfo zone)
    {
        var value = text.Trim();
        DateTime? day = value.ToUpperInvariant() switch
        {
            "TODAY" => today,
            "YESTERDAY" => today.AddDays(-1),
            _ when DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            _ => null,
        };
        if (day is { } d)
        {
            return (LocalDays.Midnight(d, zone), d);
        }

        if (DateTime.TryParseExact(value, WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return (new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)), null);
        }

        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return (instant, null);
        }

        throw new CliUsageException($"{option} '{text}' is not a date: use {Accepted}.");
    }

    private static string Show(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
