using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Emulator.Tests.Hems;
using Kiwigrid.Emulator.Tests.Support;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>An emulator playing a Manager for the simulated home on a fake clock, and requests to the Manager's own origin.</summary>
internal sealed class ManagerRun : IAsyncDisposable
{
    private readonly DateTimeOffset _clockAtStart;

    private ManagerRun(KiwigridEmulator emulator, FakeTimeProvider clock, HttpClient http)
    {
        Emulator = emulator;
        Clock = clock;
        Http = http;
        _clockAtStart = clock.GetUtcNow();
    }

    public KiwigridEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>A client on the Manager's origin that neither follows redirects nor keeps cookies.</summary>
    public HttpClient Http { get; }

    public static async Task<ManagerRun> StartAsync(ManagerOptions? manager = null, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var clock = EmulatorRun.FakeClock();
        var options = EmulatorOptions.Default with
        {
            TimeProvider = clock,
            SiteFactory = time => new SimulatedSite(HemsRun.Home(), time),
            Manager = manager ?? ManagerOptions.Default,
        };
        var emulator = await KiwigridEmulator.StartAsync(configure is null ? options : configure(options));
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = emulator.ManagerUri };
        return new ManagerRun(emulator, clock, http);
    }

    /// <summary>Posts the login form as public clients do.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string userName, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName,
            ["password"] = password,
            ["url"] = "/",
            ["submit"] = "Login",
        });
        return await http.PostAsync("/auth/login", form);
    }

    /// <summary>Logs in as the Manager's user and returns the <c>kiwisessionid</c> cookie as a request sends it.</summary>
    public async Task<string> LoginAsync()
    {
        var manager = Emulator.Options.Manager!;
        using var response = await PostLoginAsync(Http, manager.UserName, manager.Password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    public async Task<HttpResponseMessage> SendAsync(string path, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>The JSON of a 200 JSON answer; fails the test on anything else.</summary>
    public async Task<JsonNode> GetJsonAsync(string path, string cookie)
    {
        using var response = await SendAsync(path, cookie);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(text)!;
    }

    /// <summary>Moves the fake clock on to <paramref name="sinceStart"/> after the site's start (the simulation runs in real time).</summary>
    public void AdvanceTo(TimeSpan sinceStart)
    {
        var elapsed = Clock.GetUtcNow() - _clockAtStart;
        if (sinceStart > elapsed)
        {
            Clock.Advance(sinceStart - elapsed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
