namespace Kiwigrid.Client.History;

/// <summary>One interval of a history: when it starts and ends and one value per column.</summary>
public sealed class HistoryRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="start">The interval's start.</param>
    /// <param name="end">The interval's end (exclusive).</param>
    /// <param name="values">One value per column, null where the backend has none.</param>
    public HistoryRow(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Start = start;
        End = end;
        Values = values;
    }

    /// <summary>The interval's start, with the offset of the query's time zone (UTC by default).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The interval's end (exclusive), the next row's start.</summary>
    public DateTimeOffset End { get; }

    /// <summary>One value per column, in the columns' order; null where the backend has no data.</summary>
    public IReadOnlyList<double?> Values { get; }

    /// <summary>The value of the column at <paramref name="column"/>.</summary>
    public double? this[int column] => Values[column];
}
