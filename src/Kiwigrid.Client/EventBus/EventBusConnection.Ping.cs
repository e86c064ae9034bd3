namespace Kiwigrid.Client.EventBus;

/// <summary>The keep-alive: a Vert.x bridge closes a socket that has not pinged for 10 s, and never answers pings.</summary>
internal sealed partial class EventBusConnection
{
    private static readonly byte[] PingMessage = EventBusMessageWriter.Ping();
    private readonly ITimer _pingTimer;

    private async Task StartPingingAsync(CancellationToken cancellationToken)
    {
        await _transport.SendAsync(PingMessage, cancellationToken).ConfigureAwait(false);
        _pingTimer.Change(_options.PingInterval, _options.PingInterval);
    }

    private void OnPingDue() => _ = PingAsync();

    private async Task PingAsync()
    {
        try
        {
            await _transport.SendAsync(PingMessage, CancellationToken.None).ConfigureAwait(false);
        }
        catch (KiwigridConnectionException e)
        {
            // The transport's Completion carries the reason; the ping has nothing to add.
            _logger.PingFailed(e.Message);
        }
    }
}
