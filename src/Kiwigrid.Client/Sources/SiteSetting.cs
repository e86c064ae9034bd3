using System.Globalization;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// One thing an installation lets its owner set, with its value now and what it takes.
/// </summary>
/// <param name="DeviceId">The device it belongs to (a Kiwigrid guid, or the HEMS device id).</param>
/// <param name="DeviceName">The device's name as the installation shows it.</param>
/// <param name="Name">The setting (a tag name on the event bus, e.g. <c>optimization_mode</c> on the HEMS API).</param>
/// <param name="Kind">What kind of value it takes.</param>
/// <param name="Value">The value now, as text (numbers in invariant culture); null when the source does not say.</param>
/// <param name="AllowedValues">The values it takes when they are a fixed set (<see cref="SettingKind.Choice"/>, <see cref="SettingKind.Switch"/>); empty otherwise.</param>
public sealed record SiteSetting(string DeviceId, string DeviceName, string Name, SettingKind Kind, string? Value, IReadOnlyList<string> AllowedValues)
{
    /// <summary>The smallest value a <see cref="SettingKind.Number"/> takes, if bounded.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest value a <see cref="SettingKind.Number"/> takes, if bounded.</summary>
    public double? Maximum { get; init; }

    /// <summary>The unit of a <see cref="SettingKind.Number"/>, e.g. <c>%</c>; null when it has none.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// Checks <paramref name="value"/> against what the setting takes, before anything is sent, and returns it in the
    /// form the source expects (a choice in its listed spelling, a number in invariant culture).
    /// </summary>
    /// <param name="value">The value as a user typed it.</param>
    /// <exception cref="ArgumentException">The value is not one the setting takes; the message names what it takes.</exception>
    public string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (Kind == SettingKind.Number)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                throw new ArgumentException($"{Name} takes a number{RangeText()}; '{value}' is not one.", nameof(value));
            }

            if (number < Minimum || number > Maximum)
            {
                throw new ArgumentException($"{Name} takes a number{RangeText()}; {text} is outside.", nameof(value));
            }

            return number.ToString(CultureInfo.InvariantCulture);
        }

        var match = AllowedValues.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ArgumentException(
            $"{Name} takes {string.Join(", ", AllowedValues)}; '{value}' is not one of them.", nameof(value));
    }

    private string RangeText()
    {
        var unit = Unit is null ? "" : " " + Unit;
        return (Minimum, Maximum) switch
        {
            ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}{unit}"),
            ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $" of at least {min}{unit}"),
            (null, { } max) => string.Create(CultureInfo.InvariantCulture, $" of at most {max}{unit}"),
            _ => unit.Length == 0 ? "" : $" in{unit}",
        };
    }
}
