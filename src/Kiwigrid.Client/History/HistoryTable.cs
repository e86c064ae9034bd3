namespace Kiwigrid.Client.History;

/// <summary>A site's values over time: the columns asked for and one row per interval, in time order.</summary>
public sealed class HistoryTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="rows">The rows, in time order, each with one value per column.</param>
    public HistoryTable(HistoryResolution resolution, IReadOnlyList<HistoryColumn> columns, IReadOnlyList<HistoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Resolution = resolution;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The interval length of one row.</summary>
    public HistoryResolution Resolution { get; }

    /// <summary>The columns, in the query's order.</summary>
    public IReadOnlyList<HistoryColumn> Columns { get; }

    /// <summary>The rows, in time order, without gaps or overlaps.</summary>
    public IReadOnlyList<HistoryRow> Rows { get; }

    /// <summary>The index of the column labelled <paramref name="label"/> (ignoring case), or -1.</summary>
    public int IndexOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Label, label, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The column's value over the whole table: the sum of the rows for an increase, the time-weighted average of
    /// the rows for an average. Rows without a value are left out; null when no row has one.
    /// </summary>
    public double? Summarize(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns.Count);
        var sum = 0.0;
        var weight = 0.0;
        var any = false;
        foreach (var row in Rows)
        {
            if (row.Values[column] is { } value)
            {
                // Days are 23 or 25 hours when daylight saving changes, so averages weigh rows by their length.
                var hours = (row.End - row.Start).TotalHours;
                sum += Columns[column].Aggregation == HistoryAggregation.Increase ? value : value * hours;
                weight += hours;
                any = true;
            }
        }

        if (!any)
        {
            return null;
        }

        return Columns[column].Aggregation == HistoryAggregation.Increase ? sum : sum / weight;
    }
}
