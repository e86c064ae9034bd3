namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The login episode some firmware goes through (10.26.33.1, PROTOCOL-NOTES): the first
/// <see cref="ManagerOptions.LoginOutage"/> attempts fail with 504, then 500, alternately, whatever they send.
/// </summary>
internal sealed class ManagerLoginOutage(ManagerOptions options)
{
    private int _attempts;

    /// <summary>The status this attempt fails with, or null once the episode is over.</summary>
    public int? NextFailure()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt > options.LoginOutage)
        {
            // Keep the counter from wrapping on a long-running emulator.
            Interlocked.Exchange(ref _attempts, options.LoginOutage);
            return null;
        }

        return attempt % 2 == 1 ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError;
    }
}
