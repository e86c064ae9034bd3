namespace Kiwigrid.Hosting;

/// <summary>How the server's watch of the site is doing.</summary>
/// <param name="State">Starting (no snapshot yet), live, or interrupted (a read failed and is being retried).</param>
/// <param name="At">When the watch last reported, on the server's clock.</param>
/// <param name="Error">What failed, while interrupted (names no secret).</param>
/// <param name="Attempt">Failed attempts in a row, while interrupted.</param>
/// <param name="RetryDelay">The wait before the next attempt, while interrupted.</param>
/// <param name="Failure">What kind of failure it was, in a few words ("Connection lost"), while interrupted.</param>
internal sealed record WatchStatus(WatchState State, DateTimeOffset? At, string? Error = null, int Attempt = 0, TimeSpan RetryDelay = default, string? Failure = null)
{
    public static WatchStatus Starting { get; } = new(WatchState.Starting, null);
}
