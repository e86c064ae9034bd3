namespace Kiwigrid.Client.History;

/// <summary>
/// One column of a history: a label, a unit, and the device tags whose values are summed into it, aggregated per
/// interval as an increase or a time-weighted average.
/// </summary>
public sealed class HistoryColumn
{
    /// <summary>Describes a column.</summary>
    /// <param name="label">What the column shows, e.g. <c>Grid purchase</c>; no <c>;</c> or line break (the reply is CSV).</param>
    /// <param name="unit">The tags' unit, e.g. <c>Wh</c> or <c>%</c>; empty for none.</param>
    /// <param name="aggregation">Increase for counters (<c>Work*</c>), time-weighted average for levels.</param>
    /// <param name="sources">The device tags summed into the column; at least one.</param>
    /// <exception cref="ArgumentException">The label is empty or holds <c>;</c> or a line break, or there is no source.</exception>
    public HistoryColumn(string label, string unit, HistoryAggregation aggregation, params IReadOnlyList<HistoryDeviceTags> sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(sources);
        if (label.AsSpan().IndexOfAny(";\r\n") >= 0 || unit.AsSpan().IndexOfAny(";\r\n") >= 0)
        {
            throw new ArgumentException("A column's label and unit may not hold ';' or a line break: they become cells of the CSV reply.", nameof(label));
        }

        if (!Enum.IsDefined(aggregation))
        {
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Use Increase or TimeWeightedAverage.");
        }

        if (sources.Count == 0 || sources.Any(s => s is null))
        {
            throw new ArgumentException("Name at least one device's tags for the column.", nameof(sources));
        }

        Label = label.Trim();
        Unit = unit;
        Aggregation = aggregation;
        Sources = [.. sources];
    }

    /// <summary>What the column shows.</summary>
    public string Label { get; }

    /// <summary>The unit of the values (<c>Wh</c>, <c>%</c>, …), empty for none.</summary>
    public string Unit { get; }

    /// <summary>How values within one interval become one number.</summary>
    public HistoryAggregation Aggregation { get; }

    /// <summary>The device tags summed into the column.</summary>
    public IReadOnlyList<HistoryDeviceTags> Sources { get; }

    /// <summary>The decimals the backend rounds to, 0 to 6; 2 as the portal asks.</summary>
    public int Precision
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 6);
            field = value;
        }
    } = 2;

    /// <summary>The label and unit, e.g. <c>Grid purchase [Wh]</c>.</summary>
    public override string ToString() => Unit.Length == 0 ? Label : $"{Label} [{Unit}]";
}
