namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// One series of an analytics answer: its name, the device it belongs to (null writes neither <c>guid</c> nor
/// <c>id</c>, as the finance day shows), unit, row values and <c>aggregated</c> (null writes none).
/// </summary>
internal sealed record HemsSeries(
    string Name, string? Guid, string Unit, int Decimals, Func<HemsHistory, int, double?> Value, Func<HemsHistory, double?>? Aggregated)
{
    /// <summary>A device tag as it is: W averaged per row (aggregated: the energy, Wh) or Wh per row (aggregated: the sum).</summary>
    public static HemsSeries Tag(string guid, string tag) => tag.StartsWith("Work", StringComparison.Ordinal)
        ? new(tag, guid, "WATTHOUR", 0, (h, row) => h.Value(guid, tag, row), h => h.Total(guid, tag))
        : new(tag, guid, "WATT", 0, (h, row) => h.Value(guid, tag, row), h => Energy(h, guid, tag));

    /// <summary>A state of charge in % per row; the public payload shows no aggregate for it.</summary>
    public static HemsSeries Percent(string guid, string tag) => new(tag, guid, "PERCENT", 0, (h, row) => h.Value(guid, tag, row), null);

    /// <summary>The share of <paramref name="part"/> not taken from <paramref name="whole"/> in %, per row and overall.</summary>
    public static HemsSeries Share(string name, string guid, string whole, string part) => new(
        name, guid, "PERCENT", 0,
        (h, row) => Share(h.Value(guid, whole, row), h.Value(guid, part, row)),
        h => Share(h.Total(guid, whole), h.Total(guid, part)));

    /// <summary>Energy priced per kWh: <paramref name="price"/> in ct/kWh times Wh, scaled by <paramref name="perCent"/>.</summary>
    public static HemsSeries Money(string name, string? guid, string unit, int decimals, Func<HemsHistory, int, double?> wattHours, double price, double perCent) => new(
        name, guid, unit, decimals,
        (h, row) => wattHours(h, row) / 1000 * price * perCent,
        h => Sum(h, (row) => wattHours(h, row) / 1000 * price * perCent));

    private static double? Energy(HemsHistory history, string guid, string tag) =>
        Sum(history, row => history.Value(guid, tag, row) * history.Hours(row));

    private static double? Sum(HemsHistory history, Func<int, double?> value)
    {
        double? sum = null;
        for (var row = 0; row < history.Count; row++)
        {
            if (value(row) is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    /// <summary>100 × (1 − part / whole); null without a whole (no consumption, or no production).</summary>
    private static double? Share(double? whole, double? part) =>
        whole is { } w && part is { } p && w > 0 ? Math.Clamp(100 * (1 - (p / w)), 0, 100) : null;
}
