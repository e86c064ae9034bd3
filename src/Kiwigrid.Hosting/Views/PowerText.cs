using System.Globalization;

namespace Kiwigrid.Hosting.Views;

/// <summary>How powers and shares read on screen: "850 W", "3.21 kW", "87 %"; invariant culture.</summary>
internal static class PowerText
{
    public const string Missing = "n/a";

    public static string Watts(double? watts) => watts switch
    {
        null => Missing,
        var w when Math.Abs(w.Value) < 1000 => w.Value.ToString("0", CultureInfo.InvariantCulture) + " W",
        var w => (w.Value / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " kW",
    };

    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + " %" : Missing;
}
