using System.Globalization;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// A parsed <c>/v11/analytics/{kind}?from=…&amp;to=…[&amp;type=POWER|WORK][&amp;isDetailed=true]</c>. <c>from</c> and
/// <c>to</c> are local times without offset in the site's zone. Our design where the public clients show nothing:
/// a span of up to a day is a day (<c>POWER</c>: PT5M; otherwise PT1H), up to 31 days a month (P1D), up to 366 days a
/// year (P1M); longer is refused, as is <c>POWER</c> beyond a day; without <c>type</c> a query means <c>WORK</c>.
/// </summary>
internal sealed record HemsAnalyticsQuery(
    HemsAnalyticsKind Kind, DateTimeOffset From, DateTimeOffset To, HemsResolution Resolution, bool Power, bool IsDetailed)
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <exception cref="InvalidHemsQueryException">A parameter is missing, unreadable or out of range.</exception>
    public static HemsAnalyticsQuery Parse(string kind, IQueryCollection query, TimeZoneInfo zone)
    {
        var analytics = kind.ToUpperInvariant() switch
        {
            "CONSUMPTION" => HemsAnalyticsKind.Consumption,
            "PRODUCTION" => HemsAnalyticsKind.Production,
            "STORAGE" => HemsAnalyticsKind.Storage,
            "INDEPENDENCE" => HemsAnalyticsKind.Independence,
            "FINANCE" => HemsAnalyticsKind.Finance,
            _ => throw new InvalidHemsQueryException(
                $"There are no analytics named '{kind}'; use consumption, production, storage, independence or finance."),
        };
        var from = LocalTime(query, "from");
        var to = LocalTime(query, "to");
        if (to <= from)
        {
            throw new InvalidHemsQueryException("The query's to must be later than its from.");
        }

        var power = query["type"].ToString().ToUpperInvariant() switch
        {
            "" or "WORK" => false,
            "POWER" => true,
            _ => throw new InvalidHemsQueryException("The query's type must be POWER or WORK."),
        };
        var span = to - from;
        var resolution = span <= TimeSpan.FromDays(1) ? (power ? HemsResolution.FiveMinutes : HemsResolution.Hour)
            : span <= TimeSpan.FromDays(31) ? HemsResolution.Day
            : span <= TimeSpan.FromDays(366) ? HemsResolution.Month
            : throw new InvalidHemsQueryException("The query spans more than a year; ask for a year at most.");
        if (power && resolution != HemsResolution.FiveMinutes && analytics is not (HemsAnalyticsKind.Independence or HemsAnalyticsKind.Finance))
        {
            throw new InvalidHemsQueryException("type=POWER covers one day at most; ask for WORK over longer spans.");
        }

        if (analytics is HemsAnalyticsKind.Independence or HemsAnalyticsKind.Finance)
        {
            // Ratios and money are hourly at best (the public payloads show PT1H for a day).
            power = false;
            resolution = resolution == HemsResolution.FiveMinutes ? HemsResolution.Hour : resolution;
        }

        var detailed = string.Equals(query["isDetailed"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        return new HemsAnalyticsQuery(analytics, At(from, zone), At(to, zone), resolution, power, detailed);
    }

    private static DateTime LocalTime(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            throw new InvalidHemsQueryException($"The query needs {name}, a local time like 2026-07-03T00:00:00.");
        }

        return DateTime.TryParseExact(text, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local
            : throw new InvalidHemsQueryException($"The query's {name} must be a local time like 2026-07-03T00:00:00.");
    }

    /// <summary>A local wall-clock time in the zone; one a clock change skips or repeats takes the later offset.</summary>
    private static DateTimeOffset At(DateTime local, TimeZoneInfo zone)
    {
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
