using System.Globalization;
using System.Text;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// The export's <c>dateFormat</c>: the tokens <c>YYYY</c>, <c>MM</c>, <c>DD</c>, <c>HH</c>, <c>mm</c>, <c>ss</c>
/// (moment.js spelling, case-sensitive) stand for the local time's fields, zero-padded; anything else is literal.
/// </summary>
internal sealed class ExportDateFormat
{
    private static readonly string[] Tokens = ["YYYY", "MM", "DD", "HH", "mm", "ss"];

    // Literal text, or a token (the literal is then null).
    private readonly List<(string? Literal, string Token)> _parts;

    private ExportDateFormat(List<(string? Literal, string Token)> parts) => _parts = parts;

    public static ExportDateFormat Parse(string format)
    {
        var parts = new List<(string?, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            var token = Array.Find(Tokens, t => string.CompareOrdinal(format, i, t, 0, t.Length) == 0);
            if (token is null)
            {
                literal.Append(format[i]);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), string.Empty));
                literal.Clear();
            }

            parts.Add((null, token));
            i += token.Length;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), string.Empty));
        }

        return new ExportDateFormat(parts);
    }

    /// <summary>Writes <paramref name="local"/>'s clock fields (the caller has already converted it to the export's zone).</summary>
    public void Append(StringBuilder text, DateTime local)
    {
        foreach (var (literal, token) in _parts)
        {
            if (literal is not null)
            {
                text.Append(literal);
                continue;
            }

            var (value, width) = token switch
            {
                "YYYY" => (local.Year, 4),
                "MM" => (local.Month, 2),
                "DD" => (local.Day, 2),
                "HH" => (local.Hour, 2),
                "mm" => (local.Minute, 2),
                _ => (local.Second, 2),
            };
            text.Append(value.ToString(width == 4 ? "D4" : "D2", CultureInfo.InvariantCulture));
        }
    }
}
