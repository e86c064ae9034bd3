namespace Kiwigrid.Client.Devices;

/// <summary>The unit of a tag, derived from its name prefix (the Kiwigrid naming convention).</summary>
public static class TagUnits
{
    // Longest prefixes first would not matter: no prefix below is a prefix of another that follows it.
    private static readonly (string Prefix, string Unit)[] Prefixes =
    [
        ("Power", "W"),
        ("Work", "Wh"),
        ("StateOf", "%"),
        ("Temperature", "°C"),
        ("Temparature", "°C"), // sic: Battery flex spells it so.
        ("Voltage", "V"),
        ("Current", "A"),
        ("Price", "ct/kWh"),
        ("Degree", "°"),
        ("Fraction", "fraction"),
        ("Date", "epoch ms"),
        ("Time", "ms"),
    ];

    /// <summary>
    /// The unit of <paramref name="tagName"/>: <c>W</c>, <c>Wh</c>, <c>%</c>, <c>°C</c>, <c>V</c>, <c>A</c>,
    /// <c>ct/kWh</c>, <c>°</c>, <c>fraction</c>, <c>epoch ms</c>, <c>ms</c>; null when the name carries none.
    /// </summary>
    public static string? ForTag(string tagName)
    {
        ArgumentNullException.ThrowIfNull(tagName);

        // A power factor is a ratio, not a power.
        if (tagName.StartsWith("PowerFactor", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var (prefix, unit) in Prefixes)
        {
            // The prefix must be a whole word: "Current" matches "CurrentBatteryIn", not "Currency".
            if (tagName.StartsWith(prefix, StringComparison.Ordinal)
                && (tagName.Length == prefix.Length || char.IsUpper(tagName[prefix.Length])))
            {
                return unit;
            }
        }

        return null;
    }
}
