namespace Kiwigrid.Client.History;

/// <summary>
/// What history to fetch: the span <see cref="From"/> to <see cref="To"/>, the interval length and the columns.
/// Spans of any length work; the client splits those above the backend's 10,000 rows into several requests.
/// </summary>
public sealed class HistoryQuery
{
    /// <summary>Describes a history.</summary>
    /// <param name="from">The span's start; the first row starts at this time rounded down to a whole interval.</param>
    /// <param name="to">The span's end (exclusive): the last row starts before it.</param>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="columns">The columns, in output order; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> is not before <paramref name="to"/>, or there is no column.</exception>
    public HistoryQuery(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution, params IReadOnlyList<HistoryColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (from >= to)
        {
            throw new ArgumentException($"The history's start ({from:O}) must be before its end ({to:O}).", nameof(from));
        }

        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Use one of the five HistoryResolution values.");
        }

        if (columns.Count == 0 || columns.Any(c => c is null))
        {
            throw new ArgumentException("Ask for at least one column.", nameof(columns));
        }

        From = from;
        To = to;
        Resolution = resolution;
        Columns = [.. columns];
    }

    /// <summary>The span's start.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The span's end (exclusive).</summary>
    public DateTimeOffset To { get; }

    /// <summary>The interval length of one row.</summary>
    public HistoryResolution Resolution { get; }

    /// <summary>The columns, in output order.</summary>
    public IReadOnlyList<HistoryColumn> Columns { get; }

    /// <summary>
    /// The zone whose clock the intervals follow (a day of <see cref="HistoryResolution.OneDay"/> is midnight to
    /// midnight there) and whose offset the row times carry. UTC by default, where every time is unambiguous.
    /// </summary>
    public TimeZoneInfo TimeZone
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = TimeZoneInfo.Utc;
}
