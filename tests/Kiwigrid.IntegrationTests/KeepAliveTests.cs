using System.Net;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>The client's pings keep a session alive past the emulator's ping timeout; without them it is closed.</summary>
public class KeepAliveTests
{
    [Fact]
    public async Task A_session_idle_for_longer_than_the_ping_timeout_still_answers_because_the_client_pings()
    {
        // Real time on both sides: this is the one test where the two clocks must really run together (2.5 s).
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { TimeProvider = TimeProvider.System, PingTimeout = TimeSpan.FromSeconds(1) });
        await using var client = await home.ConnectAsync(options: home.ClientOptions with { PingInterval = TimeSpan.FromMilliseconds(250) });

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Single(await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location)));
    }

    [Fact]
    public async Task A_session_that_does_not_ping_is_closed_with_go_away_and_the_client_reports_it()
    {
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { PingTimeout = TimeSpan.FromSeconds(10) });
        var options = home.ClientOptions with { PingInterval = TimeSpan.FromHours(1) }; // only the ping at open
        await using var client = await home.ConnectAsync(options: options);
        await using var bus = await EventBusConnection.ConnectAsync(options, new CookieContainer());

        // The open ping may reach the server after a first advance and re-arm its timer from then on, so the clock
        // moves on until the session is closed (a few rounds at most; each round is beyond the ping timeout).
        for (var round = 0; round < 20 && !bus.Completion.IsCompleted; round++)
        {
            home.Clock.Advance(TimeSpan.FromSeconds(11));
            await Task.WhenAny(bus.Completion, Task.Delay(250));
        }

        var closed = await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        var next = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetDevicesAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(3000, closed.CloseCode);
        Assert.Equal("Go away!", closed.CloseReason);
        Assert.Equal(3000, next.CloseCode);
    }
}
