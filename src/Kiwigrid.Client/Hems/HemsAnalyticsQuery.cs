using System.Globalization;

namespace Kiwigrid.Client.Hems;

/// <summary>The path and query of one analytics request: local times without offset, as the API takes them.</summary>
internal static class HemsAnalyticsQuery
{
    public static string Path(HemsAnalyticsKind kind, HemsAnalyticsPeriod period, DateOnly from, DateOnly to)
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
        var query = $"analytics/{name}?from={Local(from)}&to={Local(to)}";

        // Independence and finance take no type; the public clients send none.
        if (kind is HemsAnalyticsKind.Consumption or HemsAnalyticsKind.Production or HemsAnalyticsKind.Storage)
        {
            query += period == HemsAnalyticsPeriod.DayPower ? "&type=POWER" : "&type=WORK";
        }

        return kind == HemsAnalyticsKind.Production ? query + "&isDetailed=true" : query;
    }

    private static string Local(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00";
}
