namespace Kiwigrid.Client.Sources;

/// <summary>
/// After a source confirmed a change: reads the setting again every <c>interval</c> until it shows the new value or
/// <c>timeout</c> has passed, on the source's clock. A read that fails on the way (a lost connection, a timeout, an
/// error answer) is tried again in the next round; if no read succeeded at all, the change is reported as confirmed
/// but unseen, in one sentence, rather than as unchanged.
/// </summary>
internal static class SettingReadBack
{
    public static async Task<SettingChange> RunAsync(
        SiteSetting before,
        string expected,
        Func<CancellationToken, Task<SiteSetting>> read,
        TimeSpan timeout,
        TimeSpan interval,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        SiteSetting? last = null;
        KiwigridException? failure = null;
        while (true)
        {
            try
            {
                last = await read(cancellationToken).ConfigureAwait(false);
                if (SettingLookup.Shows(last, expected))
                {
                    return new SettingChange(before, last, SeenInReadBack: true);
                }
            }
            catch (KiwigridException e) when (e is not KiwigridAuthenticationException)
            {
                failure = e;
            }

            if (clock.GetUtcNow() + interval > deadline)
            {
                break;
            }

            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
        }

        return last is not null
            ? new SettingChange(before, last, SeenInReadBack: false)
            : throw new KiwigridConnectionException(
                $"{before.DeviceName}: {before.Name} was sent as {expected} and accepted, but it could not be read back ({failure!.Message.TrimEnd('.')}); read the settings again to see whether it took.",
                failure);
    }
}
