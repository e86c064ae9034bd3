namespace Kiwigrid.Emulator.Export;

/// <summary>A validated export request: what to compute (columns over intervals) and how to write it.</summary>
internal sealed record ExportRequest(IReadOnlyList<ExportColumn> Columns, ExportLayout Layout, ExportIntervals Intervals);

/// <summary>One CSV column: the sum of its sources, scaled and rounded for display.</summary>
/// <param name="Label">The header text, trimmed.</param>
/// <param name="Precision">Decimals after the separator.</param>
/// <param name="BaseUnit">Shown in the header in brackets; empty shows no unit.</param>
/// <param name="DecimalUnitPrefix"><c>""</c> or <c>k</c> (values divided by 1000).</param>
/// <param name="Sources">The device tags summed into this column.</param>
internal sealed record ExportColumn(string Label, int Precision, string BaseUnit, string DecimalUnitPrefix, IReadOnlyList<TagSeries> Sources)
{
    public double Divisor => DecimalUnitPrefix == "k" ? 1000 : 1;
}

/// <summary>One device tag aggregated over each interval.</summary>
internal readonly record struct TagSeries(string Guid, string Tag, TagAggregate Aggregate);

/// <summary>How a tag's values over an interval become one number.</summary>
internal enum TagAggregate
{
    /// <summary>The counter's increase over the interval.</summary>
    Increase,

    /// <summary>The time-weighted average of the value over the interval.</summary>
    TimeWeightedAverage,
}

/// <summary>The CSV's text conventions (<c>outputFileConfig</c>).</summary>
internal sealed record ExportLayout(
    string Delimiter, string FileName, TimeZoneInfo TimeZone, ExportDateFormat DateFormat, string ReplaceForNull, string DecimalSeparator);
