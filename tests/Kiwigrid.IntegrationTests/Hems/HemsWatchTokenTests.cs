using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Watch;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// A HEMS watch outlives its access token: it logs in again and goes on without an interruption or a reconnect
/// (whose first snapshot would be diffed against the last before it), so no change is lost.
/// </summary>
public class HemsWatchTokenTests
{
    [Fact]
    public async Task The_watch_renews_an_expiring_token_without_an_interruption_or_a_gap()
    {
        var lifetime = TimeSpan.FromMinutes(2);
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { AccessTokenLifetime = lifetime });

        // The client on the emulator's clock, so the token's expiry is reached by moving it; no request times out on it.
        var options = HemsHome.Options(home) with { TimeProvider = home.Clock, RequestTimeout = TimeSpan.FromDays(1), AnalyticsTimeout = TimeSpan.FromDays(1) };
        await using var source = await HemsSiteSource.ConnectAsync(home.Emulator.UserName, home.Emulator.Password, options);
        var firstExpiry = source.Client.TokenExpiration!.Value;
        var interval = DeviceWatchOptions.MinimumInterval;
        var end = home.Clock.GetUtcNow() + (2 * lifetime) + TimeSpan.FromSeconds(30);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var pump = Task.Run(async () =>
        {
            // The watch waits on the fake clock: move it one interval at a time while the test runs, slowly enough
            // that a login (a handful of requests) is done well within the realm's one-minute codes.
            while (!stop.IsCancellationRequested && home.Clock.GetUtcNow() < end + interval)
            {
                await Task.Delay(100);
                home.Clock.Advance(interval);
            }
        });

        var events = new List<DeviceWatchEvent>();
        try
        {
            await foreach (var watchEvent in source.WatchAsync(DeviceWatchOptions.Default with { Interval = interval }, stop.Token))
            {
                events.Add(watchEvent);
                if (watchEvent.At >= end)
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }

        var snapshots = events.Select(e => Assert.IsType<DeviceSnapshot>(e)).ToList();
        Assert.DoesNotContain(snapshots, s => s.AfterReconnect);
        Assert.True(source.Client.TokenExpiration > firstExpiry + lifetime, $"the token was renewed twice: {firstExpiry:T} → {source.Client.TokenExpiration:T}");
        Assert.Contains(snapshots, s => s.At > firstExpiry && s.Changes.Count > 0);
    }
}
