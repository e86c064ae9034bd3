using System.Net.Http.Json;
using System.Text.Json;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// <c>kiwigrid serve</c> running in-process against the emulated home, both on one fake clock: values stand still
/// until the test moves the clock, so what the dashboard shows can be compared with the API exactly. The home has run
/// since midnight (UTC, serve's zone here) and serve starts at 10:00, so today's history has a morning that the live
/// run continues.
/// </summary>
internal sealed class ServedHome : IAsyncDisposable
{
    /// <summary>The simulated time of serve's first reading.</summary>
    public static readonly DateTimeOffset FirstReading = new(2025, 6, 21, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated time runs this much faster than the clock.</summary>
    private const double SpeedFactor = 60;

    private readonly CancellationTokenSource _stopRun;
    private readonly KiwigridEmulator _emulator;
    private readonly CliRun _cli;
    private readonly bool _ownsEmulator;
    private bool _emulatorStopped;

    private ServedHome(KiwigridEmulator emulator, bool ownsEmulator, FakeTimeProvider clock, CliRun cli, Task<CliOutcome> run, CancellationTokenSource stopRun, Uri url)
    {
        _stopRun = stopRun;
        _emulator = emulator;
        _ownsEmulator = ownsEmulator;
        _cli = cli;
        Clock = clock;
        Run = run;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The emulator's base URL.</summary>
    public string Server => _emulator.BaseUri.ToString();

    public Uri Url { get; }

    public HttpClient Http { get; }

    public Task<CliOutcome> Run { get; }

    public string Error => _cli.Error.Output;

    public static Task<ServedHome> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs) =>
        StartAsync(server => ["--cloud", "legacy", "--server", server], environment, extraArgs);

    /// <summary>Starts serve with the connection options <paramref name="connection"/> gives for the emulator's base URL.</summary>
    public static async Task<ServedHome> StartAsync(Func<string, string[]> connection, IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var (emulator, clock) = await StartEmulatorAsync();
        return await ServeAsync(emulator, clock, ownsEmulator: true, connection(emulator.BaseUri.ToString()), environment, extraArgs);
    }

    /// <summary>Starts serve on the emulated SOLARWATT Manager (<c>--local</c> on its origin) with its gateway password.</summary>
    public static async Task<ServedHome> StartOnManagerAsync(ManagerOptions manager, params string[] extraArgs)
    {
        var (emulator, clock) = await StartEmulatorAsync(manager);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["KIWIGRID_MANAGER_PASSWORD"] = manager.Password };
        return await ServeAsync(emulator, clock, ownsEmulator: true, ["--local", emulator.ManagerUri!.ToString()], environment, extraArgs);
    }

    /// <summary>
    /// Starts serve on a home someone else owns and stops (several serves reading one home at one instant): the
    /// emulator outlives this serve.
    /// </summary>
    public static Task<ServedHome> StartOnAsync(KiwigridEmulator emulator, FakeTimeProvider clock, string[] connection, params string[] extraArgs) =>
        StartOnAsync(emulator, clock, connection, null, extraArgs);

    /// <summary>As <see cref="StartOnAsync(KiwigridEmulator, FakeTimeProvider, string[], string[])"/>, with environment variables for serve.</summary>
    public static Task<ServedHome> StartOnAsync(KiwigridEmulator emulator, FakeTimeProvider clock, string[] connection, IReadOnlyDictionary<string, string>? environment, params string[] extraArgs) =>
        ServeAsync(emulator, clock, ownsEmulator: false, connection, environment, extraArgs);

    /// <summary>The emulated home on a fake clock that stands at <see cref="FirstReading"/>, its day simulated up to then.</summary>
    /// <param name="manager">The SOLARWATT Manager the emulator also plays, or null for none.</param>
    public static async Task<(KiwigridEmulator Emulator, FakeTimeProvider Clock)> StartEmulatorAsync(ManagerOptions? manager = null)
    {
        var midnight = new DateTimeOffset(FirstReading.Date, TimeSpan.Zero);
        var clock = new FakeTimeProvider(midnight);
        var simulation = SimulationOptions.Default with { Start = midnight, SpeedFactor = SpeedFactor };
        var emulator = await KiwigridEmulator.StartAsync(EmulatorOptions.Default with
        {
            TimeProvider = clock,
            SiteFactory = time => new SimulatedSite(simulation, time),
            Manager = manager,
        });
        // Ten simulated hours pass before serve starts.
        clock.Advance((FirstReading - simulation.Start) / SpeedFactor);
        return (emulator, clock);
    }

    private static async Task<ServedHome> ServeAsync(
        KiwigridEmulator emulator,
        FakeTimeProvider clock,
        bool ownsEmulator,
        string[] connection,
        IReadOnlyDictionary<string, string>? environment,
        string[] extraArgs)
    {
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            cli.Environment[name] = value;
        }

        var stop = new CancellationTokenSource();
        var run = cli.RunAsync(stop.Token, ["serve", .. connection, "--interval", "5", "--urls", "http://127.0.0.1:0", .. extraArgs]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!cli.Out.Output.Contains("Dashboard: ", StringComparison.Ordinal))
        {
            if (run.IsCompleted || DateTime.UtcNow > deadline)
            {
                if (ownsEmulator)
                {
                    await emulator.DisposeAsync();
                }

                Assert.Fail("serve did not print its dashboard URL: " + (run.IsCompleted ? (await run).ToString() : cli.Error.Output));
            }

            await Task.Delay(20);
        }

        var url = new Uri(cli.Out.Output.Split("Dashboard: ")[1].Split('\n')[0].Trim());
        return new ServedHome(emulator, ownsEmulator, clock, cli, run, stop, url);
    }

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCodeExpectation expect = HttpStatusCodeExpectation.Ok)
    {
        using var response = await Http.GetAsync(path);
        if (expect == HttpStatusCodeExpectation.Ok)
        {
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The time of the latest snapshot the server holds, from <c>/healthz</c>.</summary>
    public async Task<string?> LastUpdateAsync()
    {
        using var response = await Http.GetAsync("healthz");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        var last = health.GetProperty("watch").GetProperty("lastUpdate");
        return last.ValueKind == JsonValueKind.String ? last.GetString() : null;
    }

    /// <summary>The <c>hello</c> event a dashboard gets on connecting to <c>/api/events</c>.</summary>
    public async Task<JsonElement> HelloAsync()
    {
        using var events = await Http.GetStreamAsync("api/events");
        using var reader = new StreamReader(events);
        var (name, data) = await ReadEventAsync(reader);
        Assert.Equal("hello", name);
        return data;
    }

    /// <summary>The next server-sent event: its name and its data.</summary>
    public static async Task<(string Name, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        string? name = null;
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (name is not null && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = JsonDocument.Parse(line["data: ".Length..]);
                return (name, data.RootElement.Clone());
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    /// <summary>Waits for the first snapshot; the fake clock stands still, so the first poll happens by itself.</summary>
    /// <param name="patience">How long to wait; 15 s unless a test starts several sources at once.</param>
    public async Task WaitForFirstSnapshotAsync(TimeSpan? patience = null) =>
        await WaitAsync(async () => await LastUpdateAsync() is not null, "the first snapshot", patience);

    /// <summary>
    /// Moves the clock a second at a time until the server has polled <paramref name="polls"/> more times. A second
    /// per step: the watch may not have started its next wait yet when the previous poll shows up.
    /// </summary>
    public async Task AdvancePollsAsync(int polls)
    {
        for (var i = 0; i < polls; i++)
        {
            var before = await LastUpdateAsync();
            await WaitAsync(async () =>
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(15);
                return await LastUpdateAsync() != before;
            }, "the next poll");
        }
    }

    /// <summary>Stops the emulator, so the served site's cloud connection is lost.</summary>
    public async Task StopEmulatorAsync()
    {
        _emulatorStopped = true;
        await _emulator.DisposeAsync();
    }

    /// <summary>Moves the clock a second at a time until <paramref name="condition"/> holds.</summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition, string what) => await WaitAsync(async () =>
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(15);
        return await condition();
    }, what);

    /// <summary>Waits, without moving the clock, until <paramref name="condition"/> holds.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(15);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRun.CancelAsync();
        var outcome = await Run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(outcome.ExitCode is ExitCodes.Interrupted or ExitCodes.Ok, outcome.ToString());
        _stopRun.Dispose();
        Http.Dispose();
        if (_ownsEmulator && !_emulatorStopped)
        {
            await _emulator.DisposeAsync();
        }
    }
}

internal enum HttpStatusCodeExpectation
{
    Ok,
    Any,
}
