namespace Kiwigrid.Hosting.Views;

/// <summary>
/// Which numbers a device reports are quantities, and which only stand for "none" or "unbounded". The Energy Manager
/// runs Java and marks "no limit" with the type's limit: a PV plant without feed-in limit reports <c>PowerLimit</c> =
/// <c>Double.MAX_VALUE</c> (1.797e308). No power, energy or ratio of a home comes near <c>Float.MAX_VALUE</c>
/// (3.4e38), so everything from there on is such a sentinel, as are NaN and the infinities. The dashboard's figures,
/// the JSON API's summaries and <c>/metrics</c> leave sentinels out rather than show or graph them as numbers; the
/// raw tags of <c>/api/devices/{guid}</c> keep the device's value as it is.
/// </summary>
internal static class DeviceNumber
{
    public static bool IsQuantity(double value) => double.IsFinite(value) && Math.Abs(value) < float.MaxValue;

    /// <summary><paramref name="value"/> when it is a quantity, else null.</summary>
    public static double? Quantity(double? value) => value is { } v && IsQuantity(v) ? v : null;
}
