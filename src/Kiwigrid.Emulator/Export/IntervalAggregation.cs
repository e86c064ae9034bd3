namespace Kiwigrid.Emulator.Export;

/// <summary>
/// Turns a run of simulation steps into one value per series and row. A step <c>(start, end]</c> carries each
/// series' value at its end, which for the simulation is the step's average power or the counter at its end:
/// <c>INC</c> reads the counter at the row's boundaries, linear within a step (the power is constant in it);
/// <c>TWA</c> weights each step's value by how much of it falls into the row. A row that no step reaches, or a
/// series without a value (NaN), has no value; a row the steps reach only partly covers that part.
/// </summary>
internal sealed class IntervalAggregation
{
    private readonly ExportIntervals _rows;
    private readonly TagAggregate[] _aggregates;
    private readonly double[][] _weighted;
    private readonly double[][] _weights;
    private readonly double[][] _atBoundary;
    private readonly double[] _previous;
    private int _row;
    private int _boundary;
    private DateTimeOffset? _reached;

    public IntervalAggregation(ExportIntervals rows, IReadOnlyList<TagAggregate> aggregates)
    {
        _rows = rows;
        _aggregates = [.. aggregates];
        _weighted = Table(TagAggregate.TimeWeightedAverage, rows.Count, 0);
        _weights = Table(TagAggregate.TimeWeightedAverage, rows.Count, 0);
        _atBoundary = Table(TagAggregate.Increase, rows.Count + 1, double.NaN);
        _previous = [.. Enumerable.Repeat(double.NaN, aggregates.Count)];
    }

    /// <summary>Adds the step <c>(start, end]</c>; steps come in time order, each starting where the last ended.</summary>
    public void Add(DateTimeOffset start, DateTimeOffset end, ReadOnlySpan<double> values)
    {
        while (_row < _rows.Count && _rows.End(_row) <= start)
        {
            _row++;
        }

        for (var row = _row; row < _rows.Count && _rows.Start(row) < end; row++)
        {
            var overlap = (Min(end, _rows.End(row)) - Max(start, _rows.Start(row))).TotalSeconds;
            if (overlap <= 0)
            {
                continue;
            }

            for (var i = 0; i < values.Length; i++)
            {
                if (_aggregates[i] == TagAggregate.TimeWeightedAverage && !double.IsNaN(values[i]))
                {
                    _weighted[i][row] += values[i] * overlap;
                    _weights[i][row] += overlap;
                }
            }
        }

        var length = (end - start).TotalSeconds;
        for (; _boundary <= _rows.Count && Boundary(_boundary) <= end; _boundary++)
        {
            // A boundary before the first step (never with the history's warm-up) takes the first value.
            var fraction = Math.Clamp((Boundary(_boundary) - start).TotalSeconds / length, 0, 1);
            for (var i = 0; i < values.Length; i++)
            {
                if (_aggregates[i] != TagAggregate.Increase)
                {
                    continue;
                }

                var before = double.IsNaN(_previous[i]) ? values[i] : _previous[i];
                _atBoundary[i][_boundary] = before + ((values[i] - before) * fraction);
            }
        }

        values.CopyTo(_previous);
        _reached = end;
    }

    /// <summary>Series <paramref name="series"/>'s value in row <paramref name="row"/>, or null.</summary>
    public double? Value(int series, int row)
    {
        if (_reached is not { } reached || _rows.Start(row) >= reached)
        {
            return null;
        }

        if (_aggregates[series] == TagAggregate.TimeWeightedAverage)
        {
            return _weights[series][row] > 0 ? _weighted[series][row] / _weights[series][row] : null;
        }

        var first = _atBoundary[series][row];
        var last = _rows.End(row) <= reached ? _atBoundary[series][row + 1] : _previous[series];
        return double.IsNaN(first) || double.IsNaN(last) ? null : last - first;
    }

    private DateTimeOffset Boundary(int index) => index < _rows.Count ? _rows.Start(index) : _rows.Last;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Only the series that use a table get one: a long export of many series stays small.
    private double[][] Table(TagAggregate user, int length, double initial)
    {
        var table = new double[_aggregates.Length][];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = _aggregates[i] == user ? new double[length] : [];
            Array.Fill(table[i], initial);
        }

        return table;
    }
}
