using System.Globalization;
using System.Text;

namespace Kiwigrid.Client.History;

/// <summary>
/// Reads the export backend's CSV reply: lenient about the frame (a byte-order mark, <c>\n</c> or <c>\r\n</c>, a
/// header that is only counted), strict about every cell (a time in the requested format, a number with the
/// requested decimal separator, or the null marker).
/// </summary>
internal static class ExportCsvReader
{
    private const string Problem = "The history export's reply is not the expected CSV";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ExportRequestBody.DecimalSeparator.ToString(),
        NegativeSign = "-",
    };

    /// <summary>The rows of a reply to a request for <paramref name="columnCount"/> columns, in time order.</summary>
    /// <exception cref="KiwigridProtocolException">The reply is not such CSV; the message names the line.</exception>
    public static List<HistoryRow> Read(ReadOnlySpan<byte> reply, int columnCount, IntervalGrid grid)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(reply);
        }
        catch (DecoderFallbackException)
        {
            throw new KiwigridProtocolException($"{Problem}: it is not UTF-8 text.");
        }

        var cellCount = columnCount + 1;
        var rows = new List<HistoryRow>();
        var lineNumber = 0;
        var sawHeader = false;
        DateTimeOffset? previous = null;
        foreach (var rawLine in text.AsSpan().TrimStart('\uFEFF').EnumerateLines())
        {
            lineNumber++;
            var line = rawLine;

            // The last line may end in a line break like the others; blank lines carry nothing.
            if (line.IsWhiteSpace())
            {
                continue;
            }

            var count = line.Count(ExportRequestBody.Delimiter) + 1;
            if (count != cellCount)
            {
                throw new KiwigridProtocolException(
                    $"{Problem}: line {lineNumber} has {count} cells instead of {cellCount} (the time and {columnCount} columns).");
            }

            if (!sawHeader)
            {
                sawHeader = true;
                continue;
            }

            var row = ReadRow(line, lineNumber, columnCount, grid, previous);
            previous = row.Start;
            rows.Add(row);
        }

        if (!sawHeader)
        {
            throw new KiwigridProtocolException($"{Problem}: it is empty, without even a header line.");
        }

        return rows;
    }

    private static HistoryRow ReadRow(ReadOnlySpan<char> line, int lineNumber, int columnCount, IntervalGrid grid, DateTimeOffset? previous)
    {
        var cells = line.Split(ExportRequestBody.Delimiter);
        cells.MoveNext();
        var timeCell = line[cells.Current].Trim();
        if (!DateTime.TryParseExact(timeCell, ExportRequestBody.DotNetDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            throw new KiwigridProtocolException(
                $"{Problem}: line {lineNumber} starts with '{Excerpt(timeCell)}' instead of a time in the form {ExportRequestBody.DateFormat}.");
        }

        // A zone's offset or one more interval must not push the time past the calendar's ends (year 1 or 9999).
        if (wallClock < DateTime.MinValue.AddDays(2) || wallClock > DateTime.MaxValue.AddDays(-2))
        {
            throw new KiwigridProtocolException(
                $"{Problem}: line {lineNumber} starts with {timeCell}, too close to the ends of the calendar to start an interval.");
        }

        var start = grid.Resolve(wallClock, previous)
            ?? throw new KiwigridProtocolException(
                $"{Problem}: line {lineNumber} starts with {timeCell}, a time that does not exist in {grid.Zone.Id}.");
        if (previous is { } before && start <= before)
        {
            throw new KiwigridProtocolException($"{Problem}: line {lineNumber} ({timeCell}) does not come after the line before it.");
        }

        var values = new double?[columnCount];
        for (var column = 0; column < columnCount; column++)
        {
            cells.MoveNext();
            var cell = line[cells.Current].Trim();
            if (cell.SequenceEqual(ExportRequestBody.NullValue))
            {
                continue;
            }

            if (cell.IsEmpty
                || !double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Numbers, out var value)
                || !double.IsFinite(value))
            {
                throw new KiwigridProtocolException(
                    $"{Problem}: line {lineNumber}, cell {column + 2} holds '{Excerpt(cell)}' instead of a number or {ExportRequestBody.NullValue}.");
            }

            values[column] = value;
        }

        return new HistoryRow(start, grid.Advance(start, 1), values);
    }

    // A garbage reply could be anything; a message quotes only a short piece of it.
    private static string Excerpt(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : string.Concat(cell[..40], "…");
}
