using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// Moves a fake clock forward by one second every few milliseconds while a command runs against it, so polls,
/// pings and backoff happen quickly yet in order. A second of fake time per step stays far below every timeout.
/// </summary>
internal sealed class ClockPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pumping;

    public ClockPump(FakeTimeProvider clock)
    {
        _pumping = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(15, CancellationToken.None);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pumping;
        _stop.Dispose();
    }
}
