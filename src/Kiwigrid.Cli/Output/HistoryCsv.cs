using System.Globalization;
using System.Text;
using Kiwigrid.Client.History;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>history</c> rows as CSV for spreadsheets and scripts: comma-separated, <c>.</c> decimals, ISO-8601
/// interval starts with their offset, empty cells where there is no value.
/// </summary>
internal static class HistoryCsv
{
    public static IEnumerable<string> Lines(HistoryTable history, TimeZoneInfo zone)
    {
        yield return string.Join(',', history.Columns.Select(c => Quote(c.ToString())).Prepend("start"));
        foreach (var row in history.Rows)
        {
            var line = new StringBuilder(TimeZoneInfo.ConvertTime(row.Start, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            foreach (var value in row.Values)
            {
                line.Append(',');
                if (value is { } v)
                {
                    line.Append(v.ToString(CultureInfo.InvariantCulture));
                }
            }

            yield return line.ToString();
        }
    }

    // RFC 4180: a cell holding a comma or a quote is quoted, quotes doubled.
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
