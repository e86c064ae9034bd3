using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// A fake clock that knows when its next timer falls due (every delay, timeout and periodic timer of the code under
/// test is one of its timers), so a <see cref="ClockPump"/> can move it straight there and no further.
/// </summary>
internal sealed class PumpedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<DueTimer> _timers = [];

    public PumpedClock()
        : this(DateTimeOffset.UnixEpoch)
    {
    }

    /// <summary>When the next timer falls due, or null when none is running. (One due by now has already fired.)</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                var now = GetUtcNow();
                return _timers.Select(t => t.Due).Where(due => due > now).Min();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new DueTimer(this);
        timer.Schedule(dueTime, period);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    private sealed class DueTimer(PumpedClock clock) : ITimer
    {
        private TimeSpan _period;
        private bool _disposed;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (_disposed)
                {
                    return;
                }

                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                clock._timers.Add(this);
            }
        }

        public void Fired()
        {
            lock (clock._gate)
            {
                Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : Due + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Forget();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Forget();
            return Inner.DisposeAsync();
        }

        private void Forget()
        {
            lock (clock._gate)
            {
                _disposed = true;
                clock._timers.Remove(this);
            }
        }
    }
}
