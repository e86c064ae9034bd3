using System.Globalization;
using Kiwigrid.Client.History;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>history</c> table: one row per interval in the given zone, and a last row with the span's sum of each
/// energy column and average of each percentage.
/// </summary>
internal static class HistoryTableView
{
    public static IRenderable Render(HistoryTable history, TimeZoneInfo zone)
    {
        var daily = history.Resolution == HistoryResolution.OneDay;
        var table = new Table().AddColumn("Start");
        foreach (var column in history.Columns)
        {
            table.AddColumn(new TableColumn(new Text(column.ToString())).RightAligned());
        }

        foreach (var row in history.Rows)
        {
            var start = TimeZoneInfo.ConvertTime(row.Start, zone);
            var cells = new List<IRenderable> { new Text(start.ToString(daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) };
            cells.AddRange(row.Values.Select(v => new Text(Number(v))));
            table.AddRow(cells);
        }

        if (history.Rows.Count > 0)
        {
            table.AddEmptyRow();
            var summary = new List<IRenderable> { new Text(SummaryLabel(history)) };
            summary.AddRange(history.Columns.Select((_, i) => new Text(Number(history.Summarize(i)))));
            table.AddRow(summary);
        }

        table.Caption = new TableTitle(Markup.Escape($"Times in {ZoneName(zone)}, values per interval of {Describe(history.Resolution)}."));
        return table;
    }

    private static string SummaryLabel(HistoryTable history)
    {
        var sums = history.Columns.Any(c => c.Aggregation == HistoryAggregation.Increase);
        var averages = history.Columns.Any(c => c.Aggregation == HistoryAggregation.TimeWeightedAverage);
        return sums && averages ? "Sum / average" : averages ? "Average" : "Sum";
    }

    private static string Number(double? value) =>
        value is { } v ? v.ToString("#,0.0", CultureInfo.InvariantCulture) : PowerText.Missing;

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string Describe(HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.FiveMinutes => "5 minutes",
        HistoryResolution.FifteenMinutes => "15 minutes",
        HistoryResolution.ThirtyMinutes => "30 minutes",
        HistoryResolution.OneHour => "1 hour",
        _ => "1 day",
    };
}
