using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Hosting;

/// <summary>
/// Today's points, oldest first, in memory and bounded: a new day starts an empty chart, and past
/// <see cref="Capacity"/> points the oldest is dropped so a long-running server stays small. The points before the
/// first live one may come from the cloud's history (<see cref="Backfill"/>).
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

    /// <summary>
    /// Puts earlier points before the ones held: those older than the oldest point held and on its day. Nothing
    /// when no point is held yet, since then it is unknown which day the chart shows.
    /// </summary>
    /// <returns>How many points were added.</returns>
    public int Backfill(IEnumerable<HistoryPoint> earlier)
    {
        lock (_lock)
        {
            if (!_points.TryPeek(out var oldest))
            {
                return 0;
            }

            var today = LocalDate(oldest.At);
            // The live points matter more than the morning's: past the capacity, the earliest of the added ones go.
            var added = earlier
                .Where(p => p.At < oldest.At && LocalDate(p.At) == today)
                .OrderBy(p => p.At)
                .TakeLast(Math.Max(0, capacity - _points.Count))
                .ToList();
            var held = _points.ToList();
            _points.Clear();
            foreach (var point in added.Concat(held))
            {
                _points.Enqueue(point);
            }

            return added.Count;
        }
    }

    public IReadOnlyList<HistoryPoint> ToList()
    {
        lock (_lock)
        {
            return [.. _points];
        }
    }

    private DateOnly LocalDate(DateTimeOffset at) => LocalDays.DateOf(at, timeZone);
}
