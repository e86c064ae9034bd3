namespace Kiwigrid.Client.Watch;

/// <summary>
/// Exponential backoff with jitter: the n-th attempt waits between half and all of <c>initial · 2ⁿ⁻¹</c>, capped,
/// so that many clients losing the same server do not all come back in the same second. The device watch uses it,
/// and so can anything else that reconnects to a server (the CLI's MQTT publisher does).
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;

    /// <summary>A backoff from <paramref name="initial"/> doubling up to <paramref name="max"/>.</summary>
    /// <param name="initial">The longest wait before the first retry; positive.</param>
    /// <param name="max">The longest wait ever; at least <paramref name="initial"/>.</param>
    /// <param name="random">
    /// The jitter: a number from 0 to 1 per wait (1 waits the whole doubled delay); null for shared randomness. Tests
    /// hand in a fixed value.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A delay is out of range.</exception>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>How long to wait before the given attempt.</summary>
    /// <param name="attempt">The retry about to be made: 1 for the first.</param>
    /// <returns>Between half and all of the doubled, capped delay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is below 1.</exception>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ceiling = Math.Min(_max.TotalMilliseconds, _initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * _random())));
    }
}
