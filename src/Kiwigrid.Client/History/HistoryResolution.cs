namespace Kiwigrid.Client.History;

/// <summary>The length of one history interval; the export backend knows exactly these five.</summary>
public enum HistoryResolution
{
    /// <summary>5 minutes (<c>PT5M</c>).</summary>
    FiveMinutes,

    /// <summary>15 minutes (<c>PT15M</c>), the portal's default.</summary>
    FifteenMinutes,

    /// <summary>30 minutes (<c>PT30M</c>).</summary>
    ThirtyMinutes,

    /// <summary>One hour (<c>PT1H</c>).</summary>
    OneHour,

    /// <summary>One calendar day in the query's time zone (<c>P1D</c>).</summary>
    OneDay,
}
