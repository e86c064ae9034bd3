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
internal sealed class ManagerRun : FakeClockRun
{
    private ManagerRun(KiwigridEmulator emulator, FakeTimeProvider clock)
        : base(emulator, clock, emulator.ManagerUri!, ownsEmulator: true)
    {
    }

    public static async Task<ManagerRun> StartAsync(ManagerOptions? manager = null, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = EmulatorOptions.Default with
        {
            SiteFactory = time => new SimulatedSite(HemsRun.Home(), time),
            Manager = manager ?? ManagerOptions.Default,
        };
        var (emulator, clock) = await StartEmulatorAsync(options, configure);
        return new ManagerRun(emulator, clock);
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
        return await ReadJsonAsync(response, path);
    }
}
