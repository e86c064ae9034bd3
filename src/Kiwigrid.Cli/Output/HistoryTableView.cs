using System.Globalization;
using Kiwigrid.Client.History;
using Kiwigrid.Hosting.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>history</c> table: one row per interval in the given zone, and a last row with the span's sum of each
/// energy column and average of each percentage.
/// </summary>
internal static class HistoryTableView
{
    private const string WattHours = "Wh";

    /// <summary>
    /// The table for a terminal of <paramref name="width"/> columns. The sums of a long span are wider than the
    /// rows (218,467.87 kWh over 27 years); when their row would squeeze the table past the width, so that Spectre
    /// breaks dates and numbers, they go into a list of their own below it.
    /// </summary>
    public static IRenderable Render(HistoryTable history, TimeZoneInfo zone, int width = 80)
    {
        // One local day (the default) needs only the time of day; the date goes into the caption.
        var daily = history.Resolution == HistoryResolution.OneDay;
        var days = history.Rows.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Start, zone).DateTime)).Distinct().ToList();
        var timeFormat = daily ? "yyyy-MM-dd" : days.Count == 1 ? "HH:mm" : "yyyy-MM-dd HH:mm";

        // Short headings over their unit, kWh and no borders keep nine columns within an 80-column terminal.
        var table = new Table().Border(TableBorder.None).AddColumn(new TableColumn(new Markup($"[bold]{(daily ? "Day" : "Start")}[/]")).NoWrap().Padding(0, 0, 2, 0));
        foreach (var column in history.Columns)
        {
            var heading = "[bold]" + Markup.Escape(ShortLabel(column.Label)) + "[/]\n[dim]" + Markup.Escape(ShownUnit(column)) + "[/]";
            table.AddColumn(new TableColumn(new Markup(heading)).RightAligned().NoWrap().Padding(0, 0, 2, 0));
        }

        table.Columns[^1].Padding(0, 0, 0, 0);

        foreach (var row in history.Rows)
        {
            var start = TimeZoneInfo.ConvertTime(row.Start, zone);
            var cells = new List<IRenderable> { new Text(start.ToString(timeFormat, CultureInfo.InvariantCulture)) };
            cells.AddRange(row.Values.Select((v, i) => new Text(Number(v, history.Columns[i]))));
            table.AddRow(cells);
        }

        var date = !daily && days.Count == 1 ? days[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ", " : string.Empty;
        table.Caption = new TableTitle(Markup.Escape($"{date}times in {ZoneName(zone)}, values per interval of {Describe(history.Resolution)}."));
        if (history.Rows.Count == 0)
        {
            return table;
        }

        var label = SummaryLabel(history);
        var sums = history.Columns.Select((column, i) => Number(history.Summarize(i), column)).ToList();
        if (Width(history, timeFormat, zone, label, sums) > width)
        {
            var list = new Grid()
                .AddColumn(new GridColumn().NoWrap().PadRight(2))
                .AddColumn(new GridColumn().RightAligned().NoWrap().PadRight(1))
                .AddColumn(new GridColumn().NoWrap());
            foreach (var (column, i) in history.Columns.Select((column, i) => (column, i)))
            {
                list.AddRow(new Text(ShortLabel(column.Label)), new Text(sums[i]), new Text(ShownUnit(column)));
            }

            return new Rows(table, new Text(string.Empty), new Text(label + " over the span:"), list);
        }

        table.AddEmptyRow();
        table.AddRow([new Text(label), .. sums.Select(sum => new Text(sum))]);
        return table;
    }

    /// <summary>How wide the table is with the summary row in it: each column as wide as its widest cell, two spaces between.</summary>
    private static int Width(HistoryTable history, string timeFormat, TimeZoneInfo zone, string label, List<string> sums)
    {
        var first = history.Rows.Select(r => TimeZoneInfo.ConvertTime(r.Start, zone).ToString(timeFormat, CultureInfo.InvariantCulture).Length)
            .Append(label.Length).Append("Start".Length).Max();
        var others = history.Columns.Select((column, i) => history.Rows.Select(r => Number(r.Values[i], column).Length)
            .Append(sums[i].Length).Append(ShortLabel(column.Label).Length).Append(ShownUnit(column).Length).Max());
        return first + others.Sum(w => w + 2);
    }

    private static string SummaryLabel(HistoryTable history)
    {
        var sums = history.Columns.Any(c => c.Aggregation == HistoryAggregation.Increase);
        var averages = history.Columns.Any(c => c.Aggregation == HistoryAggregation.TimeWeightedAverage);
        return sums && averages ? "Sum/avg" : averages ? "Average" : "Sum";
    }

    /// <summary>Energy in kWh to the watt-hour's tenth place that matters, percentages to a tenth.</summary>
    private static string Number(double? value, HistoryColumn column) => value switch
    {
        null => PowerText.Missing,
        { } v when column.Unit == WattHours => (v / 1000).ToString("#,0.00", CultureInfo.InvariantCulture),
        { } v => v.ToString("#,0.0", CultureInfo.InvariantCulture),
    };

    private static string ShownUnit(HistoryColumn column) => column.Unit == WattHours ? "kWh" : column.Unit;

    /// <summary>The standard columns' labels in a word or two; others as they are.</summary>
    private static string ShortLabel(string label) => label switch
    {
        EnergyHistoryColumns.Production => "PV",
        EnergyHistoryColumns.Consumption => "House",
        EnergyHistoryColumns.GridFeedIn => "Feed-in",
        EnergyHistoryColumns.GridPurchase => "Bought",
        EnergyHistoryColumns.BatteryCharge => "Charged",
        EnergyHistoryColumns.BatteryDischarge => "Discharged",
        EnergyHistoryColumns.SelfConsumption => "Self-used",
        _ when label.StartsWith(EnergyHistoryColumns.StateOfCharge, StringComparison.Ordinal) => "SoC" + label[EnergyHistoryColumns.StateOfCharge.Length..],
        _ => label,
    };

    private static string ZoneName(TimeZoneInfo zone) => zone.HasSameRules(TimeZoneInfo.Utc) ? "UTC" : zone.Id;

    private static string Describe(HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.FiveMinutes => "5 minutes",
        HistoryResolution.FifteenMinutes => "15 minutes",
        HistoryResolution.ThirtyMinutes => "30 minutes",
        HistoryResolution.OneHour => "1 hour",
        _ => "1 day",
    };
}
