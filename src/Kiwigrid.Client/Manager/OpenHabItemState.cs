using System.Globalization;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// An openHAB item's state read as a number in the model's units: power in W (from W, kW, MW), energy in Wh (from Wh,
/// kWh, MWh, Ws), a share in %; other units are kept as sent. <c>NULL</c>, <c>UNDEF</c> and <c>UNINITIALIZED</c> are no
/// value; a state may start with the time it was measured, <c>"&lt;epoch ms&gt;|"</c>.
/// </summary>
/// <param name="Value">The number in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>W</c>, <c>Wh</c>, <c>%</c>, another unit as sent, or empty for a plain number.</param>
/// <param name="Timestamp">When the value was measured, if the state says.</param>
internal readonly record struct OpenHabItemState(double Value, string Unit, DateTimeOffset? Timestamp)
{
    /// <summary>The state's number, or null for no value or text that is not a number.</summary>
    public static OpenHabItemState? Parse(string? state)
    {
        var text = (state ?? string.Empty).AsSpan().Trim();
        DateTimeOffset? timestamp = null;
        if (text.IndexOf('|') is var bar and > 0 && long.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            timestamp = EpochTime.FromSecondsOrMilliseconds(epoch);
            text = text[(bar + 1)..].Trim();
        }

        if (text.IsEmpty || text is "NULL" or "UNDEF" or "UNINITIALIZED")
        {
            return null;
        }

        var space = text.IndexOf(' ');
        var number = space < 0 ? text : text[..space];
        var unit = space < 0 ? ReadOnlySpan<char>.Empty : text[(space + 1)..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        return unit switch
        {
            "W" => new(value, "W", timestamp),
            "kW" => new(value * 1e3, "W", timestamp),
            "MW" => new(value * 1e6, "W", timestamp),
            "Wh" => new(value, "Wh", timestamp),
            "kWh" => new(value * 1e3, "Wh", timestamp),
            "MWh" => new(value * 1e6, "Wh", timestamp),
            "Ws" => new(value / 3600, "Wh", timestamp),
            _ => new(value, unit.ToString(), timestamp),
        };
    }
}
