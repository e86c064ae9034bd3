namespace Kiwigrid.Client.Hems;

/// <summary>The analytics the HEMS API keeps (<c>/analytics/{kind}</c>).</summary>
public enum HemsAnalyticsKind
{
    /// <summary>House consumption and grid purchase (<c>consumption</c>).</summary>
    Consumption,

    /// <summary>PV production, feed-in and charging (<c>production</c>, asked in detail).</summary>
    Production,

    /// <summary>Battery charging, discharging and state of charge (<c>storage</c>).</summary>
    Storage,

    /// <summary>Self-sufficiency and self-consumption rate, % (<c>independence</c>).</summary>
    Independence,

    /// <summary>Revenue and costs (<c>finance</c>).</summary>
    Finance,
}
