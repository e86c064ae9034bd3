namespace Kiwigrid.Cli.Serve;

/// <summary>
/// Today's points, oldest first, in memory and bounded: a new day starts an empty chart, and past
/// <see cref="Capacity"/> points the oldest is dropped so a long-running server stays small.
/// </summary>
internal sealed class ReadingHistory(TimeZoneInfo timeZone, int capacity = ReadingHistory.DefaultCapacity)
{
    /// <summary>A day of points at the fastest poll interval (5 s) is 17 280; a point is 48 bytes.</summary>
    public const int DefaultCapacity = 17_280;

    private readonly Queue<HistoryPoint> _points = new();
    private readonly Lock _lock = new();

    public int Capacity => capacity;

    public void Add(HistoryPoint point)
    {
        lock (_lock)
        {
            var today = LocalDate(point.At);
            while (_points.Count > 0 && (_points.Count >= capacity || LocalDate(_points.Peek().At) != today))
            {
                _points.Dequeue();
            }

            _points.Enqueue(point);
        }
    }

    public IReadOnlyList<HistoryPoint> ToList()
    {
        lock (_lock)
        {
            return [.. _points];
        }
    }

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime);
}
