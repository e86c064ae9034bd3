namespace Kiwigrid.Cli.Tests;

/// <summary>
/// Moves a fake clock to its next timer while a command runs against it, but only once this process is idle: no
/// thread runnable and no work queued, so the code under test is waiting, and everything it talks to (the in-process
/// emulator, over loopback) is waiting too. Polls, pings and backoff then happen at once and in order, while a machine
/// too busy to answer a request at once only slows the test down: fake time never passes during the request, so its
/// timeout never fires.
/// </summary>
/// <remarks>
/// Idle is judged for the whole process, so a test using it runs alone there (<see cref="AloneInTheProcess"/>).
/// Linux only (it reads the threads' states from <c>/proc</c>), as the tests that start Debian packages are.
/// </remarks>
internal sealed class ClockPump : IAsyncDisposable
{
    // A thread that wakes up between two looks could be missed once, hardly three times in a row.
    private const int IdleLooksBeforeAStep = 3;
    private static readonly TimeSpan BetweenLooks = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _pumping;
    private Exception? _failure;

    public ClockPump(PumpedClock clock)
    {
        // Its own thread, not the pool's: its waiting between looks must not count as work, nor its work as the code's.
        _pumping = new Thread(() => Pump(clock)) { IsBackground = true, Name = nameof(ClockPump) };
        _pumping.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _pumping.Join();
        _stop.Dispose();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The clock pump failed.", _failure);
        }
    }

    private void Pump(PumpedClock clock)
    {
        try
        {
            var self = ThreadId();
            var idleLooks = 0;
            while (!_stop.Token.WaitHandle.WaitOne(BetweenLooks))
            {
                idleLooks = IsIdle(self) ? idleLooks + 1 : 0;
                if (idleLooks == IdleLooksBeforeAStep)
                {
                    idleLooks = 0;
                    if (clock.NextDue is { } due)
                    {
                        // The timer's callback runs on this thread, and with it whatever it completes.
                        clock.SetUtcNow(due);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }

    /// <summary>No other thread of this process runs or waits for a CPU, and the thread pool has nothing queued.</summary>
    private static bool IsIdle(string self)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (Path.GetFileName(task) == self)
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // "tid (name) S …": the name may hold spaces and parentheses, so the state follows the last ')'.
            if (stat[stat.LastIndexOf(')') + 2] is 'R' or 'D')
            {
                return false;
            }
        }

        // Looked at after the threads: work handed to the pool while they were read shows here. (Its count of busy
        // workers does not help: the test host keeps some of them blocked in waits for good.)
        return ThreadPool.PendingWorkItemCount == 0;
    }

    /// <summary>This thread's id as the kernel knows it (<c>/proc/thread-self</c> links to <c>PID/task/TID</c>).</summary>
    private static string ThreadId() =>
        Path.GetFileName(new FileInfo("/proc/thread-self").LinkTarget) ?? throw new InvalidOperationException("/proc/thread-self is not a link.");
}
