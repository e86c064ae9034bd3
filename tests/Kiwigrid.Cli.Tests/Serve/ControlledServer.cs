using System.Net.Http.Headers;
using System.Text;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Cli.Tests.Serve.Mqtt;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// The real serve web server on loopback with a <see cref="ControllableSite"/> behind its settings and one reading of
/// a real Energy Manager's devices in its feed; tokens named <c>kitchen</c> and <c>phone</c>; every log line recorded.
/// </summary>
internal sealed class ControlledServer : IAsyncDisposable
{
    public const string KitchenToken = "kitchen-0123456789abcdef";
    public const string PhoneToken = "phone-0123456789abcdef";

    private readonly DashboardServer _server;

    private ControlledServer(DashboardServer server, ControllableSite site, SiteControl control, RecordingLoggers logs)
    {
        _server = server;
        Site = site;
        Control = control;
        Logs = logs;
        Http = new HttpClient { BaseAddress = server.DashboardUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ControllableSite Site { get; }

    public SiteControl Control { get; }

    public RecordingLoggers Logs { get; }

    public HttpClient Http { get; }

    public Uri Url => _server.DashboardUri;

    public static async Task<ControlledServer> StartAsync(bool allowControl = true, TimeSpan? changeTimeout = null, params string[] allowOrigins)
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), clock);
        var devices = DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json")));
        feed.Apply(new DeviceSnapshot(clock.GetUtcNow(), devices, [], IsFirst: true, AfterReconnect: false));
        var site = new ControllableSite();
        var logs = new RecordingLoggers();
        // The real clock: a change that gets no answer times out for real, in a fraction of a second.
        var control = new SiteControl(site, allowControl, TimeProvider.System, logs.CreateLogger("control"))
        {
            ChangeTimeout = changeTimeout ?? TimeSpan.FromSeconds(10),
        };
        var tokens = new AccessTokens([new AccessToken(KitchenToken, "kitchen"), new AccessToken(PhoneToken, "phone")]);
        var server = await DashboardServer.StartAsync(
            ListenAddress.ParseList("http://127.0.0.1:0"), tokens, AllowedOrigins.Parse(allowOrigins, "--allow-origin"), classicApi: null, feed, control, CancellationToken.None);
        // As serve does on its first snapshot.
        await control.ReadAsync(CancellationToken.None);
        return new ControlledServer(server, site, control, logs);
    }

    /// <summary>POSTs <c>{"value":…}</c> (written as given) to a setting with a token (none when null) and an <c>Origin</c> (none when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(string device, string setting, string valueJson, string? token = KitchenToken, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/settings/{Uri.EscapeDataString(device)}/{Uri.EscapeDataString(setting)}")
        {
            Content = new StringContent($$"""{"value":{{valueJson}}}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token = KitchenToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        await Control.StopAsync();
    }
}
