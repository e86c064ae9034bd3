using System.Globalization;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// The span <c>kiwigrid history</c> asks for, from <c>--from</c> and <c>--to</c>: <c>today</c>, <c>yesterday</c>, a
/// date (<c>2025-06-21</c>, a whole day on the local clock) or an ISO date-time (local unless it names an offset).
/// </summary>
internal sealed record HistorySpan(DateTimeOffset From, DateTimeOffset To)
{
    private const string Accepted = "today, yesterday, a date such as 2025-06-21 or an ISO date-time such as 2025-06-21T06:00 or 2025-06-21T06:00+02:00";

    /// <summary>The years a history can cover: there was no Energy Manager before, and later is past any plausible use.</summary>
    private const int FirstYear = 2000, LastYear = 2100;

    /// <summary>
    /// The most rows one <c>kiwigrid history</c> reads (held in memory, about 600 MB at most): 2000 to now at 5
    /// minutes still fits, a century does not.
    /// </summary>
    public const long MaxRows = 3_000_000;

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

        if (start >= now)
        {
            throw new CliUsageException($"The span starts in the future ({Show(start, zone)}), and the history ends now ({Show(now, zone)}): pick an earlier --from.");
        }

        return new HistorySpan(start, end);
    }

    /// <summary>Refuses a span of more than <see cref="MaxRows"/> rows at <paramref name="interval"/>.</summary>
    /// <param name="interval">The length of one row.</param>
    /// <param name="resolution">The interval as <c>--resolution</c> names it, for the message.</param>
    /// <exception cref="CliUsageException">The span is too long.</exception>
    public void CheckRows(TimeSpan interval, string resolution)
    {
        var rows = (long)Math.Ceiling((To - From) / interval);
        if (rows > MaxRows)
        {
            var years = MaxRows * interval / TimeSpan.FromDays(365.25);
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"The span has {rows:N0} rows at {resolution}, more than the {MaxRows:N0} one history reads (about {years:0} years at {resolution}): shorten it or pick a longer --resolution."));
        }
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
            return (LocalDays.Midnight(InHistoryYears(option, text, d), zone), d);
        }

        if (DateTime.TryParseExact(value, WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return (new DateTimeOffset(InHistoryYears(option, text, wallClock), zone.GetUtcOffset(wallClock)), null);
        }

        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            InHistoryYears(option, text, instant.DateTime);
            return (instant, null);
        }

        throw new CliUsageException($"{option} '{text}' is not a date: use {Accepted}.");
    }

    /// <summary>The date, checked before it meets a time zone (year 1 minus an hour does not exist).</summary>
    private static DateTime InHistoryYears(string option, string text, DateTime date) =>
        date.Year is >= FirstYear and <= LastYear
            ? date
            : throw new CliUsageException($"{option} '{text}' is outside the years {FirstYear} to {LastYear}, which a history can cover.");

    private static string Show(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
