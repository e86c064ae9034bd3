using System.Collections.Concurrent;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Portal;

/// <summary>
/// Counts failed logins per user name ([design]: the real portal's policy is not public) so that guessing one
/// account's password is slowed down without locking anybody else out. Unknown user names count the same way.
/// </summary>
internal sealed class LoginThrottle(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the user name has used up its failures for the current window.</summary>
    public bool IsThrottled(string userName, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_failures.TryGetValue(userName, out var failures))
        {
            return false;
        }

        lock (failures)
        {
            var now = options.TimeProvider.GetUtcNow();
            Expire(failures, now);
            if (failures.Count < options.MaxLoginFailures)
            {
                return false;
            }

            retryAfter = failures.Peek() + options.LoginFailureWindow - now;
            return true;
        }
    }

    public void RecordFailure(string userName)
    {
        var failures = _failures.GetOrAdd(userName, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            var now = options.TimeProvider.GetUtcNow();
            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    public void RecordSuccess(string userName) => _failures.TryRemove(userName, out _);

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + options.LoginFailureWindow <= now)
        {
            failures.Dequeue();
        }
    }
}
