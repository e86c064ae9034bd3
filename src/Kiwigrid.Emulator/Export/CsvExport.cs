using System.Globalization;
using System.Text;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// Writes the export's CSV (PROTOCOL-NOTES.md, History): a header <c>Zeitstempel</c> plus one cell per column
/// (<c>label [prefix unit]</c>), then a row per interval with its start in the request's zone and format and the
/// values with the column's precision and the decimal separator; <c>\r\n</c> line ends. Header cells holding the
/// delimiter, a quote or a line break are quoted as RFC 4180 says; the other cells cannot hold them.
/// </summary>
internal static class CsvExport
{
    public const string TimeHeader = "Zeitstempel";

    public static string Write(ExportRequest request, double?[][] values)
    {
        var layout = request.Layout;
        var rows = request.Intervals;
        var text = new StringBuilder(64 * (rows.Count + 1) * (request.Columns.Count + 1) / 4);

        text.Append(TimeHeader);
        foreach (var column in request.Columns)
        {
            var header = column.BaseUnit.Length == 0 ? column.Label : $"{column.Label} [{column.DecimalUnitPrefix}{column.BaseUnit}]";
            text.Append(layout.Delimiter).Append(Quoted(header, layout.Delimiter));
        }

        text.Append("\r\n");
        for (var row = 0; row < rows.Count; row++)
        {
            layout.DateFormat.Append(text, TimeZoneInfo.ConvertTime(rows.Start(row), layout.TimeZone).DateTime);
            for (var c = 0; c < request.Columns.Count; c++)
            {
                text.Append(layout.Delimiter);
                var column = request.Columns[c];
                if (values[c][row] is { } value)
                {
                    text.Append(Number(value / column.Divisor, column.Precision, layout.DecimalSeparator));
                }
                else
                {
                    text.Append(layout.ReplaceForNull);
                }
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Fixed decimals, no grouping; a value that rounds to zero is <c>0</c>, never <c>-0</c>.</summary>
    private static string Number(double value, int precision, string decimalSeparator)
    {
        var rounded = Math.Round(value, precision, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0;
        }

        var formatted = rounded.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return decimalSeparator == "." ? formatted : formatted.Replace(".", decimalSeparator, StringComparison.Ordinal);
    }

    private static string Quoted(string cell, string delimiter) =>
        cell.Contains(delimiter, StringComparison.Ordinal) || cell.AsSpan().IndexOfAny('"', '\r', '\n') >= 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
}
