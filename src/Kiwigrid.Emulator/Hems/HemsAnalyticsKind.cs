namespace Kiwigrid.Emulator.Hems;

/// <summary>The five analytics of <c>/v11/analytics/{kind}</c>.</summary>
internal enum HemsAnalyticsKind
{
    Consumption,
    Production,
    Storage,
    Independence,
    Finance,
}
