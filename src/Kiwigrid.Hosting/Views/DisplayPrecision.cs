using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

/// <summary>
/// How precisely a number is shown and written as JSON: an Energy Manager's sums carry float noise
/// (<c>3239108.6231833296</c> Wh, <c>715.6345500000002</c> W) that no meter measures. Powers, energies and
/// percentages keep a tenth, a 0–1 ratio a thousandth; <c>export</c> alone writes the device's full numbers.
/// </summary>
internal static class DisplayPrecision
{
    /// <summary>Units whose quantities are shown to a tenth; other units (ids, epoch ms, prices) stay as they are.</summary>
    private static readonly HashSet<string> TenthUnits = new(StringComparer.Ordinal) { "W", "Wh", "%", "V", "A", "°C" };

    /// <summary>A power (W), an energy (Wh) or a percentage to a tenth.</summary>
    public static double Tenth(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>A ratio from 0 to 1 to a thousandth (a tenth of a percent).</summary>
    public static double Ratio(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The number of a tag (<c>WorkACIn</c>, <c>PowerACOut</c>, <c>StateOfCharge</c>) rounded to a tenth when its
    /// unit is one of a measured quantity; null for other units, whose numbers (ids, epoch ms) are shown as sent.
    /// </summary>
    public static double? Rounded(TagValue tag) =>
        tag.Unit is { } unit && TenthUnits.Contains(unit) && tag.Kind == JsonValueKind.Number && tag.AsDouble() is { } number
            ? Tenth(number)
            : null;
}
