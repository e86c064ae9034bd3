using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.OneId;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Emulator.Tests.Support;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>An emulator on a fake clock, OneID tokens minted with its signing key, and HEMS requests over HTTP.</summary>
internal sealed class HemsRun : FakeClockRun
{
    /// <summary>The simulated site starts here, a summer midnight in Berlin.</summary>
    public static readonly DateTimeOffset SiteStart = new(2025, 6, 25, 0, 0, 0, TimeSpan.FromHours(2));

    private HemsRun(KiwigridEmulator emulator, FakeTimeProvider clock, bool ownsEmulator = true)
        : base(emulator, clock, emulator.BaseUri, ownsEmulator)
    {
    }

    public static SimulationOptions Home() => SimulationOptions.Default with { Start = SiteStart, Seed = 7 };

    public static async Task<HemsRun> StartAsync(Func<TimeProvider, ISite>? site = null, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var (emulator, clock) = await StartEmulatorAsync(EmulatorOptions.Default with { SiteFactory = site ?? (time => new SimulatedSite(Home(), time)) }, configure);
        return new HemsRun(emulator, clock);
    }

    /// <summary>HEMS requests against an emulator another run started and disposes.</summary>
    public static HemsRun Attach(KiwigridEmulator emulator, FakeTimeProvider clock) => new(emulator, clock, ownsEmulator: false);

    /// <summary>
    /// A token as the emulated <c>solarwatt</c> realm issues it (or <paramref name="realm"/>): RS256 with its key, for the
    /// portal's client, an hour long.
    /// </summary>
    public string Token(TimeSpan? lifetime = null, string client = "energy-monitor-home", SecurityKey? key = null, string realm = OneIdRealms.Solarwatt)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "4b1d2c3e"), new Claim("preferred_username", EmulatorOptions.DemoUserName), new Claim("azp", client)]),
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            Issuer = OneIdRealms.UrlOf(Emulator.BaseUri, realm),
            SigningCredentials = new SigningCredentials(key ?? Emulator.Services.GetRequiredService<OneIdSigningKey>().Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>GETs a /v11 path with a fresh valid token (or <paramref name="token"/>; empty sends none).</summary>
    public async Task<HttpResponseMessage> SendAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v11" + path);
        token ??= Token();
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await Http.SendAsync(request);
    }

    /// <summary>Sends a write (<c>PATCH</c>, <c>PUT</c>) to a /v11 path with a fresh valid token and <paramref name="body"/> as JSON.</summary>
    public async Task<HttpResponseMessage> WriteAsync(HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, "/v11" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await Http.SendAsync(request);
    }

    /// <summary>The JSON of a 200 answer; fails the test on any other status.</summary>
    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await SendAsync(path);
        return await ReadJsonAsync(response, path);
    }
}
