using System.Globalization;
using System.Net.WebSockets;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// <c>kiwigrid serve</c> is a service: a site that cannot be read yet when it starts (an Energy Manager still booting
/// after a power cut, a cloud briefly down) is waited for, with backoff and one line per attempt, instead of ending it.
/// What cannot pass still ends it at once: a refused login, an address that answers as something else, a wrong option.
/// </summary>
internal sealed class SiteStartRetries(CliConsole console, DeviceWatchOptions options, TimeProvider timeProvider)
{
    private readonly ReconnectBackoff _backoff = new(options.InitialReconnectDelay, options.MaxReconnectDelay);
    private int _attempts;

    /// <summary>Whether a failure to reach the site at start is the kind that passes by itself.</summary>
    public static bool MayPass(Exception error) => error switch
    {
        KiwigridConnectionException or KiwigridTimeoutException or HttpRequestException or IOException or WebSocketException => true,
        KiwigridServiceException { FailureType: not null } => true,
        KiwigridServiceException service => TransientStatus.Is(service.Code),
        KiwigridAuthenticationException login => TransientStatus.Is(login.StatusCode),
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or fails in a way that does not pass; <paramref name="failed"/>
    /// hears of each failure that is retried (serve shows it on /healthz while it waits).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, Action<DeviceWatchInterrupted>? failed, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (MayPass(ex) && !cancellationToken.IsCancellationRequested)
            {
                await WaitAfterAsync(ex, failed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>After a failure that passes (<see cref="MayPass"/>): its line, <paramref name="failed"/> told, and the backoff's wait.</summary>
    public async Task WaitAfterAsync(Exception failure, Action<DeviceWatchInterrupted>? failed, CancellationToken cancellationToken)
    {
        var delay = _backoff.DelayFor(++_attempts);
        console.WriteNote(string.Create(
            CultureInfo.InvariantCulture,
            $"The site cannot be read yet ({failure.Message.TrimEnd('.')}); trying again in {delay.TotalSeconds:0.#} s (attempt {_attempts})."));
        failed?.Invoke(new DeviceWatchInterrupted(timeProvider.GetUtcNow(), failure, _attempts, delay));
        await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
