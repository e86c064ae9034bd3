using System.Net;
using Kiwigrid.Client;
using Kiwigrid.Client.Auth;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Bench;

/// <summary>A real portal login at the emulator (four HTTP steps) and event-bus connections opened with its cookies.</summary>
internal sealed class BusLogin(KiwigridClientOptions options, string accessToken, CookieContainer cookies)
{
    public string AccessToken { get; } = accessToken;

    public static async Task<BusLogin> LogInAsync(Uri emulator)
    {
        // Longer than the default 30 s: with 1,000 sessions on two shared cores a reply may queue for a while,
        // and the benchmark wants to see that latency rather than a timeout.
        var options = KiwigridClientOptions.ForServer(emulator) with { RequestTimeout = TimeSpan.FromSeconds(60) };
        using var login = new PortalLogin(options);
        var session = await login.LoginAsync(EmulatorOptions.DemoUserName, EmulatorOptions.DemoPassword, CancellationToken.None);
        return new BusLogin(options, session.AccessToken.Value, session.Cookies);
    }

    public Task<EventBusConnection> ConnectAsync() => EventBusConnection.ConnectAsync(options, cookies);
}
