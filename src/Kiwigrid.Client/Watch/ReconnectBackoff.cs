namespace Kiwigrid.Client.Watch;

/// <summary>
/// Exponential backoff with jitter: the n-th attempt waits between half and all of <c>initial · 2ⁿ⁻¹</c>, capped,
/// so that many clients losing the same server do not all come back in the same second.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
{
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * random())));
    }
}
