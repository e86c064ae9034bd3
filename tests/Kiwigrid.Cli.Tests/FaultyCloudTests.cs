using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiwigrid.Cli.Tests.Serve.Mqtt;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.IntegrationTests.Faults;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// The long-running commands against an emulator behind the <see cref="FaultProxy"/>, which answers one
/// <c>getDevices</c> with a 500 and the next with a malformed body, then lets the server answer normally. Each command
/// tells of each failure in one line, retries, keeps running and loses no change; <c>serve</c>'s <c>/healthz</c> says
/// why while it fails, and its MQTT availability goes offline and comes back.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class FaultyCloudTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("watch", "--json")]
    [InlineData("export", "--watch")]
    public async Task A_watching_command_rides_out_a_500_and_a_malformed_reply_and_reports_every_change_once(string command, string option)
    {
        await using var cloud = await FaultyCloud.StartAsync();
        cloud.SetPower(1111);
        var cli = new CliRun { TimeProvider = cloud.Clock }.WithDemoUser();
        using var stop = new CancellationTokenSource();
        BusFault[] faults = [BusFault.ServiceError(500, "Internal Server Error"), BusFault.MalformedReply()];
        CliOutcome outcome;
        await using (new ClockPump(cloud.Clock))
        {
            var run = cli.RunAsync(stop.Token, command, option, "--cloud", "legacy", "--server", cloud.Server, "--interval", "5", "--tag", "PowerProduced");
            await CommandProgress.UntilAsync(() => cli.Error.Output.Contains("Watching ", StringComparison.Ordinal) || Values(cli.Out.Output).Count > 0, run, Patience);

            // The change comes while the server fails: it must arrive once the server answers again.
            cloud.Proxy.FaultNextRequests("getDevices", faults);
            cloud.SetPower(2222);
            await CommandProgress.UntilAsync(() => faults[1].Applied.IsCompleted && Values(cli.Out.Output).Contains(2222), run, Patience);

            cloud.SetPower(3333);
            await CommandProgress.UntilAsync(() => Values(cli.Out.Output).Contains(3333), run, Patience);
            Assert.False(run.IsCompleted);
            await stop.CancelAsync();
            outcome = await run.WaitAsync(Patience);
        }

        Assert.Equal(ExitCodes.Interrupted, outcome.ExitCode);
        Assert.Equal(command == "watch" ? [2222, 3333] : [1111, 2222, 3333], Values(outcome.Out));
        var notes = outcome.Error.Split('\n').Where(line => line.Contains("reconnecting in", StringComparison.Ordinal)).ToList();
        Assert.Collection(
            notes,
            line => Assert.StartsWith("The server answered with error 500 (deviceservice.getDevices failed with code 500: Internal Server Error); reconnecting in ", line, StringComparison.Ordinal),
            line => Assert.Matches(@"^The server sent a malformed answer \(.+\); reconnecting in [0-9.]+ s \(attempt 2\)\.$", line));
        Assert.DoesNotContain("kiwigrid:", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_mqtt_rides_out_a_500_and_a_malformed_reply_says_why_on_healthz_and_goes_offline_and_back()
    {
        await using var cloud = await FaultyCloud.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        cloud.SetPower(1111);
        await using var serve = await Served.StartAsync(cloud, "--mqtt", broker.Uri.ToString());
        await serve.StepUntilAsync(async () => (await serve.EnergyFlowAsync())?.GetProperty("pvPowerW").GetDouble() == 1111, "the first reading");
        var online = await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "online");
        var flowTopic = (await recorder.WaitForAsync(m => m.Topic.EndsWith("/energy_flow/state", StringComparison.Ordinal))).Topic;

        // The history backfill beside the watch has its own session; it is over before the faults are armed.
        await serve.StepUntilAsync(() => Task.FromResult(serve.Error.Contains("Today's", StringComparison.Ordinal)), "the history backfill");
        BusFault[] faults = [BusFault.ServiceError(500, "Internal Server Error"), BusFault.MalformedReply()];
        cloud.Proxy.FaultNextRequests("getDevices", faults);
        cloud.SetPower(2222);

        // Each fault in turn: the clock stands still once it has reached the client, so the watch waits out its
        // backoff and /healthz shows the failure until the test moves on.
        await serve.StepUntilAsync(() => Task.FromResult(faults[0].Applied.IsCompleted), "the 500");
        var failing500 = await serve.UnhealthyAsync(attempt: 1);
        var offline = await recorder.WaitForAsync(m => m.Topic == online.Topic && m.Payload == "offline", online.Index + 1);
        await serve.StepUntilAsync(() => Task.FromResult(faults[1].Applied.IsCompleted), "the malformed reply");
        var failingMalformed = await serve.UnhealthyAsync(attempt: 2);

        await serve.StepUntilAsync(async () => (await serve.EnergyFlowAsync())?.GetProperty("pvPowerW").GetDouble() == 2222, "the change made while failing");
        var back = await recorder.WaitForAsync(m => m.Topic == online.Topic && m.Payload == "online", offline.Index + 1);
        await recorder.WaitForAsync(m => m.Topic == flowTopic && m.Index > back.Index && m.Json.GetProperty("pv_power").GetDouble() == 2222);
        cloud.SetPower(3333);
        await serve.StepUntilAsync(async () => (await serve.EnergyFlowAsync())?.GetProperty("pvPowerW").GetDouble() == 3333, "the change after the faults");
        await recorder.WaitForAsync(m => m.Topic == flowTopic && m.Json.GetProperty("pv_power").GetDouble() == 3333);
        var healthy = await serve.Http.GetAsync("healthz");

        Assert.StartsWith("Reading the site failed: The server answered with error 500 (deviceservice.getDevices failed with code 500: Internal Server Error)", failing500, StringComparison.Ordinal);
        Assert.StartsWith("Reading the site failed: The server sent a malformed answer (", failingMalformed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.False(serve.Run.IsCompleted, serve.Error);
        var notes = serve.Error.Split('\n').Where(line => line.Contains("reconnecting in", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notes.Count);

        // Every state the broker got for the flow, in order: the values as they were read, none lost.
        var powers = recorder.Messages.Where(m => m.Topic == flowTopic).Select(m => m.Json.GetProperty("pv_power").GetDouble()).Distinct().ToList();
        Assert.Equal([1111, 2222, 3333], powers);
    }

    /// <summary>Every PowerProduced value the command printed for the site, in order (the value, or a change's new value).</summary>
    private static List<double> Values(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(json => json.GetProperty("guid").GetString() == FaultyCloud.Location && json.GetProperty("tag").GetString() == "PowerProduced")
            .Select(json => (json.TryGetProperty("after", out var after) ? after : json.GetProperty("value")).GetDouble())];

    /// <summary>The emulator serving a captured site on a fake clock, reached through a fault proxy.</summary>
    private sealed class FaultyCloud : IAsyncDisposable
    {
        public const string Location = "aaaaaaaa-bbbb-cccc-dddd-000000000003";

        private FaultyCloud(PumpedClock clock, ReplaySite site, KiwigridEmulator emulator)
        {
            Clock = clock;
            Site = site;
            Emulator = emulator;
            Proxy = new FaultProxy(emulator.BaseUri);
        }

        public PumpedClock Clock { get; }

        public ReplaySite Site { get; }

        public KiwigridEmulator Emulator { get; }

        public FaultProxy Proxy { get; }

        /// <summary>Where the commands connect: the proxy.</summary>
        public string Server => Proxy.Uri.ToString();

        public static async Task<FaultyCloud> StartAsync()
        {
            var clock = new PumpedClock(new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero));
            var site = new ReplaySite(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json"), clock);
            var emulator = await KiwigridEmulator.StartAsync(EmulatorOptions.Default with { TimeProvider = clock, SiteFactory = _ => site });
            return new FaultyCloud(clock, site, emulator);
        }

        public void SetPower(double watts) => Site.Devices.Set(Location, "PowerProduced", watts, Clock.GetUtcNow());

        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await Emulator.DisposeAsync();
        }
    }

    /// <summary><c>kiwigrid serve</c> in-process against the faulty cloud, its clock moved by the test in small steps.</summary>
    private sealed class Served : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly CliRun _cli;
        private readonly FakeTimeProvider _clock;

        private Served(CliRun cli, Task<CliOutcome> run, CancellationTokenSource stop, Uri url, FakeTimeProvider clock)
        {
            _cli = cli;
            _stop = stop;
            _clock = clock;
            Run = run;
            Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        }

        public Task<CliOutcome> Run { get; }

        public HttpClient Http { get; }

        public string Error => _cli.Error.Output;

        public static async Task<Served> StartAsync(FaultyCloud cloud, params string[] extraArgs)
        {
            var cli = new CliRun { TimeProvider = cloud.Clock }.WithDemoUser();
            var stop = new CancellationTokenSource();
            var run = cli.RunAsync(stop.Token, ["serve", "--cloud", "legacy", "--server", cloud.Server, "--interval", "5", "--urls", "http://127.0.0.1:0", .. extraArgs]);
            await CommandProgress.UntilAsync(() => cli.Out.Output.Contains("Dashboard: ", StringComparison.Ordinal), run, Patience);
            var url = new Uri(cli.Out.Output.Split("Dashboard: ")[1].Split('\n')[0].Trim());
            return new Served(cli, run, stop, url, cloud.Clock);
        }

        /// <summary>The energy flow the server shows, or null before its first reading.</summary>
        public async Task<JsonElement?> EnergyFlowAsync()
        {
            using var response = await Http.GetAsync("api/energy-flow");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }

        /// <summary>
        /// Waits, without moving the clock, for the watch to report failed attempt <paramref name="attempt"/>; returns
        /// the reason <c>/healthz</c> gives meanwhile (asserting it answers 503).
        /// </summary>
        public async Task<string> UnhealthyAsync(int attempt)
        {
            await CommandProgress.UntilAsync(() => Error.Contains($"(attempt {attempt}).", StringComparison.Ordinal), Run, Patience);
            using var response = await Http.GetAsync("healthz");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("unavailable", health.GetProperty("status").GetString());
            Assert.Equal(attempt, health.GetProperty("watch").GetProperty("attempt").GetInt32());
            return health.GetProperty("reason").GetString()!;
        }

        /// <summary>
        /// Moves the clock 100 ms at a time until <paramref name="condition"/> holds: small steps, so no backoff
        /// (at least 500 ms) passes between two looks.
        /// </summary>
        public async Task StepUntilAsync(Func<Task<bool>> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!await condition())
            {
                if (Run.IsCompleted)
                {
                    Assert.Fail($"serve ended while waiting for {what}: {await Run}");
                }

                Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.\n{Error}");
                _clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            var outcome = await Run.WaitAsync(Patience);
            Assert.True(outcome.ExitCode == ExitCodes.Interrupted, outcome.ToString());
            _stop.Dispose();
            Http.Dispose();
        }
    }
}
