using Kiwigrid.Cli.Serve;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// The real dashboard server on loopback, fed one reading of a real Energy Manager's devices: starts in
/// milliseconds, for tests of what the server answers rather than of the watch behind it.
/// </summary>
internal sealed class OneReadingServer : IAsyncDisposable
{
    private readonly DashboardServer _server;

    private OneReadingServer(DashboardServer server)
    {
        _server = server;
        Http = new HttpClient { BaseAddress = server.DashboardUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Url => _server.DashboardUri;

    public HttpClient Http { get; }

    public static Task<OneReadingServer> StartAsync(AccessTokens? token = null, params string[] allowOrigins) =>
        StartAsync("solarwatt-em-batteryflex.json", token, allowOrigins);

    /// <summary>Serves one reading of the dump <paramref name="dump"/> in <c>tests/fixtures/wizard-devices</c>.</summary>
    public static Task<OneReadingServer> StartAsync(string dump, AccessTokens? token, params string[] allowOrigins) =>
        StartAsync(dump, token, classicApi: null, allowOrigins);

    /// <summary>Serves one reading of the dump, and the classic Energy Manager API when <paramref name="classicApi"/> is set.</summary>
    public static async Task<OneReadingServer> StartAsync(string dump, AccessTokens? token, ClassicApiOptions? classicApi, params string[] allowOrigins)
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), clock);
        var devices = DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", dump)));
        feed.Apply(new DeviceSnapshot(clock.GetUtcNow(), devices, [], IsFirst: true, AfterReconnect: false));
        var server = await DashboardServer.StartAsync(
            ListenAddress.ParseList("http://127.0.0.1:0"), token, AllowedOrigins.Parse(allowOrigins, "--allow-origin"), classicApi, feed, control: null, CancellationToken.None);
        return new OneReadingServer(server);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
    }
}
