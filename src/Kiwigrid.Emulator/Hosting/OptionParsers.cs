using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// Typed option values whose bad input is one sentence naming the option, what it accepts and what was given
/// (<c>--interval takes a whole number of seconds from 5 to 86400, not 'abc'.</c>), checked by the parser so a value
/// never fails later, and never a .NET type name. The emulator's options and those of <c>kiwigrid</c> use the same.
/// </summary>
internal static class OptionParsers
{
    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    /// <param name="option">The option to parse.</param>
    /// <param name="minimum">The smallest accepted value.</param>
    /// <param name="maximum">The largest accepted value.</param>
    /// <param name="unit">What one counts ("seconds"), or empty.</param>
    public static Option<int> WholeNumber(this Option<int> option, int minimum, int maximum, string unit = "")
    {
        option.CustomParser = result => ParseWholeNumber(result, minimum, maximum, unit) ?? default;
        return option;
    }

    /// <inheritdoc cref="WholeNumber(Option{int}, int, int, string)"/>
    public static Option<int?> WholeNumber(this Option<int?> option, int minimum, int maximum, string unit = "")
    {
        option.CustomParser = result => ParseWholeNumber(result, minimum, maximum, unit);
        return option;
    }

    /// <summary>A number above zero and at most <paramref name="maximum"/> (decimal point, no thousands separator).</summary>
    public static Option<double> PositiveNumber(this Option<double> option, double maximum)
    {
        option.CustomParser = result => ParsePositive(result, maximum) ?? default;
        return option;
    }

    /// <inheritdoc cref="PositiveNumber(Option{double}, double)"/>
    public static Option<double?> PositiveNumber(this Option<double?> option, double maximum)
    {
        option.CustomParser = result => ParsePositive(result, maximum);
        return option;
    }

    /// <summary>
    /// A positive duration up to <paramref name="maximum"/>, as seconds (<c>25</c>, <c>2.5</c>) or a time span
    /// (<c>00:00:25</c>).
    /// </summary>
    public static Option<TimeSpan?> Duration(this Option<TimeSpan?> option, TimeSpan maximum)
    {
        option.CustomParser = result =>
        {
            var text = Value(result);

            // Seconds are range-checked before they become a TimeSpan, which overflows beyond 29,000 years.
            TimeSpan? duration = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? (seconds > 0 && seconds <= maximum.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null)
                : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span <= maximum ? span : null;
            return duration ?? Refuse<TimeSpan?>(result, string.Create(
                    CultureInfo.InvariantCulture, $"a positive number of seconds or a time span such as 00:00:25, at most {maximum:c}"));
        };
        return option;
    }

    /// <summary>
    /// A date and time such as <c>2025-06-21T10:00:00+02:00</c> (UTC when it names no offset), in the years
    /// <paramref name="firstYear"/> to <paramref name="lastYear"/>.
    /// </summary>
    public static Option<DateTimeOffset?> DateTime(this Option<DateTimeOffset?> option, int firstYear, int lastYear)
    {
        option.CustomParser = result =>
            DateTimeOffset.TryParse(Value(result), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time.Year >= firstYear && time.Year <= lastYear
                ? time
                : Refuse<DateTimeOffset?>(result, $"a date and time from {firstYear} to {lastYear} such as 2025-06-21T10:00:00+02:00");
        return option;
    }

    /// <summary>One of <paramref name="choices"/>, ignoring case; the value is the choice as written here.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] choices)
    {
        option.CustomParser = result =>
        {
            var text = Value(result).Trim();
            return choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
                ?? Refuse<string>(result, Alternatives(choices));
        };
        return option;
    }

    /// <summary>"a, b or c".</summary>
    private static string Alternatives(string[] choices) =>
        choices.Length == 1 ? choices[0] : string.Join(", ", choices[..^1]) + " or " + choices[^1];

    private static int? ParseWholeNumber(ArgumentResult result, int minimum, int maximum, string unit)
    {
        var accepts = (unit.Length == 0 ? "a whole number" : $"a whole number of {unit}") + (minimum, maximum) switch
        {
            (int.MinValue, int.MaxValue) => string.Empty,
            (_, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $" of at least {minimum}"),
            _ => string.Create(CultureInfo.InvariantCulture, $" from {minimum} to {maximum}"),
        };
        return int.TryParse(Value(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= minimum && value <= maximum
                ? value
                : Refuse<int?>(result, accepts);
    }

    private static double? ParsePositive(ArgumentResult result, double maximum) =>
        double.TryParse(Value(result), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= maximum
            ? value
            : Refuse<double?>(result, string.Create(CultureInfo.InvariantCulture, $"a number above 0 and up to {maximum}"));

    private static string Value(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;

    private static T? Refuse<T>(ArgumentResult result, string accepts)
    {
        var option = result.Parent is OptionResult parent ? parent.Option.Name : result.Argument.Name;
        result.AddError($"{option} takes {accepts}, not '{Value(result)}'.");
        return default;
    }
}
