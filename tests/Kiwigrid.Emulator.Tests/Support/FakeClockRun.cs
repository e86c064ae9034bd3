using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>
/// An emulator on a fake clock that the test moves on, and a client on one of its origins: what the HEMS and the
/// Manager runs share.
/// </summary>
internal abstract class FakeClockRun : IAsyncDisposable
{
    private readonly DateTimeOffset _clockAtStart;
    private readonly bool _ownsEmulator;

    protected FakeClockRun(KiwigridEmulator emulator, FakeTimeProvider clock, Uri origin, bool ownsEmulator)
    {
        Emulator = emulator;
        Clock = clock;
        Http = EmulatorRun.HttpClient(origin);
        _clockAtStart = clock.GetUtcNow();
        _ownsEmulator = ownsEmulator;
    }

    public KiwigridEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>A client on the run's origin that neither follows redirects nor keeps cookies.</summary>
    public HttpClient Http { get; }

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
        if (_ownsEmulator)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>Starts an emulator with <paramref name="options"/> on a new fake clock, then <paramref name="configure"/>.</summary>
    protected static async Task<(KiwigridEmulator Emulator, FakeTimeProvider Clock)> StartEmulatorAsync(EmulatorOptions options, Func<EmulatorOptions, EmulatorOptions>? configure)
    {
        var clock = EmulatorRun.FakeClock();
        options = options with { TimeProvider = clock };
        return (await KiwigridEmulator.StartAsync(configure is null ? options : configure(options)), clock);
    }

    /// <summary>The JSON of a 200 JSON answer to <paramref name="path"/>; fails the test on anything else.</summary>
    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(text)!;
    }
}
