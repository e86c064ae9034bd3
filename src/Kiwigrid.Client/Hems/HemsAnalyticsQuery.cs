using System.Globalization;

namespace Kiwigrid.Client.Hems;

/// <summary>The path and query of one analytics request: local times without offset, as the API takes them.</summary>
internal static class HemsAnalyticsQuery
{
    /// <summary>The request for the days <paramref name="from"/> up to <paramref name="until"/> (exclusive).</summary>
    public static string Path(HemsAnalyticsKind kind, HemsAnalyticsPeriod period, DateOnly from, DateOnly until)
    {
        var name = kind switch
        {
            HemsAnalyticsKind.Consumption => "consumption",
            HemsAnalyticsKind.Production => "production",
            HemsAnalyticsKind.Storage => "storage",
            HemsAnalyticsKind.Independence => "independence",
            HemsAnalyticsKind.Finance => "finance",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a HEMS analytics kind."),
        };
        // As the public client asks: from the first day's midnight to the last second of the last day.
        var query = $"analytics/{name}?from={Day(from)}T00:00:00&to={Day(until.AddDays(-1))}T23:59:59";

        // Independence and finance take no type; the public clients send none.
        if (kind is HemsAnalyticsKind.Consumption or HemsAnalyticsKind.Production or HemsAnalyticsKind.Storage)
        {
            query += period == HemsAnalyticsPeriod.DayPower ? "&type=POWER" : "&type=WORK";
        }

        return kind == HemsAnalyticsKind.Production ? query + "&isDetailed=true" : query;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
