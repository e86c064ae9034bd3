using System.Globalization;

namespace Kiwigrid.Client.Devices;

/// <summary>A number with its unit, e.g. <c>2001.2 W</c>.</summary>
/// <param name="Value">The number.</param>
/// <param name="Unit">The unit: <c>W</c>, <c>Wh</c>, <c>%</c>, …</param>
public readonly record struct Measurement(double Value, string Unit)
{
    /// <summary>The value with at most two decimals and its unit, invariant culture, e.g. <c>2001.19 W</c>.</summary>
    public override string ToString() => Value.ToString("0.##", CultureInfo.InvariantCulture) + " " + Unit;
}
