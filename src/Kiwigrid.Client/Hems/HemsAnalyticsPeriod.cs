namespace Kiwigrid.Client.Hems;

/// <summary>The span one analytics request covers and the resolution the API answers it in.</summary>
public enum HemsAnalyticsPeriod
{
    /// <summary>One day of power, W every 5 minutes (<c>type=POWER</c>, <c>PT5M</c>).</summary>
    DayPower,

    /// <summary>One day of energy, Wh per hour (<c>type=WORK</c>, <c>PT1H</c>).</summary>
    Day,

    /// <summary>One month of energy, Wh per day (<c>type=WORK</c>, <c>P1D</c>).</summary>
    Month,

    /// <summary>One year of energy, Wh per month (<c>type=WORK</c>, <c>P1M</c>).</summary>
    Year,
}
