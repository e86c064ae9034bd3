namespace Kiwigrid.Client.Watch;

/// <summary>
/// A read or a reconnection attempt failed in a way a retry may heal (a lost connection, a timeout, a 5xx, a malformed
/// reply, …); the watch drops its session and tries again after <see cref="RetryDelay"/>.
/// </summary>
/// <param name="At">When the failure happened.</param>
/// <param name="Error">What failed (its message names no secret).</param>
/// <param name="Attempt">How many attempts in a row have failed, from 1.</param>
/// <param name="RetryDelay">How long the watch waits before the next attempt.</param>
public sealed record DeviceWatchInterrupted(DateTimeOffset At, Exception Error, int Attempt, TimeSpan RetryDelay) : DeviceWatchEvent(At);
