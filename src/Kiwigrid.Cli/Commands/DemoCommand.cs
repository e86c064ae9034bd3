using System.CommandLine;
using System.Globalization;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Views;
using Spectre.Console;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid demo</c>: starts the emulator with a simulated home on a free loopback port, logs in as the demo
/// user through the full login flow of the chosen cloud (<c>--cloud</c>, today's by default), and shows the home live until Ctrl+C (or once, with <c>--once</c>).
/// </summary>
internal sealed class DemoCommand : KiwigridCommand
{
    /// <summary>A sunny June morning, so a first look shows PV, battery and grid all busy.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 6, 21, 10, 0, 0, TimeSpan.FromHours(2));

    private readonly Option<bool> _once = new("--once")
    {
        Description = "Print one snapshot and exit.",
    };

    private readonly Option<double> _speed = new Option<double>("--speed")
    {
        Description = "How many times faster than real time the simulated day runs (default 60: a minute a second).",
        HelpName = "factor",
        DefaultValueFactory = _ => 60,
    }.PositiveNumber(100_000);

    private readonly Option<DateTimeOffset?> _start = new Option<DateTimeOffset?>("--start")
    {
        Description = "The simulated time to start at (default 2025-06-21T10:00:00+02:00).",
        HelpName = "time",
    }.DateTime(1900, 2100);

    private readonly Option<int> _seed = new Option<int>("--seed")
    {
        Description = "Seed of the simulated weather and loads; the same seed gives the same day.",
        HelpName = "n",
        DefaultValueFactory = _ => SimulationOptions.Default.Seed,
    }.WholeNumber(int.MinValue, int.MaxValue);

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the snapshot(s) as JSON, the emulator's address on standard error.",
    };

    private readonly Option<string?> _cloud = new("--cloud")
    {
        Description = "Which of the emulator's clouds the demo logs in to: hems (today's SOLARWATT cloud, OneID and the HEMS API; default) or legacy (the 2018 Kiwigrid event bus).",
        HelpName = "hems|legacy",
    };

    private readonly PollOptions _poll = new(defaultIntervalSeconds: 5);

    public DemoCommand(CliContext context)
        : base("demo", "Start the embedded emulator with a simulated home and show it live; prints the emulator's URL and demo credentials.", context)
    {
        Options.Add(_once);
        Options.Add(_speed);
        Options.Add(_start);
        Options.Add(_seed);
        Options.Add(_json);
        Options.Add(_cloud);
        _poll.AddTo(this, withTags: false);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var simulation = SimulationOptions.Default with
        {
            Seed = parseResult.GetValue(_seed),
            Start = parseResult.GetValue(_start) ?? DefaultStart,
            SpeedFactor = parseResult.GetValue(_speed),
        };
        var json = parseResult.GetValue(_json);
        var cloud = DemoCloud(parseResult.GetValue(_cloud));
        var console = Context.Console;

        var emulator = await KiwigridEmulator.StartAsync(
            EmulatorOptions.Default with { TimeProvider = Context.TimeProvider, SiteFactory = clock => new SimulatedSite(simulation, clock) },
            cancellationToken).ConfigureAwait(false);
        await using (emulator.ConfigureAwait(false))
        {
            await using var site = OpenSite(emulator, cloud);
            var simulatedNow = () => ((SimulatedSite)emulator.Site).SimulatedNow;
            if (parseResult.GetValue(_once))
            {
                WriteWelcome(emulator, cloud, simulation, json, dashboard: null, once: true);
                var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
                Show(ReadView(devices, simulation.Start.Offset, simulatedNow), json);
                return ExitCodes.Ok;
            }

            // The live view and the dashboard share one session: the feed sees every event on its way to the view.
            var watchOptions = _poll.ToWatchOptions(parseResult);
            var feed = new SiteFeed(watchOptions.Interval, Context.TimeProvider);
            await using var dashboard = await DashboardServer.StartAsync(
                [new ListenAddress("http://127.0.0.1:0", IsLoopback: true)], null, feed, cancellationToken).ConfigureAwait(false);
            WriteWelcome(emulator, cloud, simulation, json, dashboard.DashboardUri, once: false);
            var watch = feed.Observe(site.WatchAsync(watchOptions, cancellationToken));
            var count = parseResult.GetValue(_poll.Count);
            if (!json && console.Out.Profile.Capabilities.Interactive && console.Out.Profile.Capabilities.Ansi)
            {
                await ShowLiveAsync(watch, count, simulation.Start.Offset, simulatedNow, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var shown = 0;
                await foreach (var snapshot in watch.OfType<DeviceSnapshot>().ConfigureAwait(false))
                {
                    Show(ReadView(snapshot.Devices, simulation.Start.Offset, simulatedNow), json);
                    if (++shown >= count)
                    {
                        break;
                    }
                }
            }

            return ExitCodes.Ok;
        }
    }

    private static CloudKind DemoCloud(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "hems" => CloudKind.Hems,
        "legacy" => CloudKind.Legacy,
        _ => throw new CliUsageException($"--cloud '{value}' is not a cloud kiwigrid knows: use hems or legacy."),
    };

    /// <summary>
    /// The emulated home through the chosen cloud's full login: for today's cloud OneID, the portal and the HEMS API
    /// each on the emulator's own origin for it, as the real hosts are apart; for the 2018 cloud its one origin.
    /// </summary>
    private ISiteSource OpenSite(KiwigridEmulator emulator, CloudKind cloud)
    {
        if (cloud == CloudKind.Legacy)
        {
            var legacy = KiwigridClientOptions.ForServer(emulator.BaseUri) with { TimeProvider = Context.TimeProvider, LoggerFactory = Context.LoggerFactory };
            return new LegacyCloudSource(emulator.UserName, emulator.Password, legacy);
        }

        var hems = HemsClientOptions.Default with
        {
            RealmUri = emulator.SolarwattRealmUri,
            PortalUri = emulator.PortalUri,
            ApiUri = emulator.HemsApiUri,
            TimeProvider = Context.TimeProvider,
            LoggerFactory = Context.LoggerFactory,
        };
        return new HemsSiteSource(HemsClient.Create(emulator.UserName, emulator.Password, hems));
    }

    /// <summary>
    /// The home as the demo shows it: at the simulated time of its latest measurement (today's cloud stamps none, so
    /// the simulation's now), in the site's offset.
    /// </summary>
    private static HomeView ReadView(IReadOnlyList<Device> devices, TimeSpan siteOffset, Func<DateTimeOffset> simulatedNow)
    {
        var measured = devices.Where(d => d.Kind == DeviceKind.Location)
            .SelectMany(d => d.Tags.Values)
            .Select(t => t.Timestamp)
            .Max();
        return HomeViewReading.From(devices, (measured ?? simulatedNow()).ToOffset(siteOffset));
    }

    private void Show(HomeView view, bool json)
    {
        var console = Context.Console;
        if (json)
        {
            console.WriteRawLine(JsonText.Write(writer => HomeViewJson.WriteObject(writer, view), indented: false));
        }
        else
        {
            console.Out.Write(HomeViewRenderer.Render(view, console.Out.Profile.Capabilities.Unicode));
        }
    }

    private async Task ShowLiveAsync(IAsyncEnumerable<DeviceWatchEvent> watch, int? count, TimeSpan offset, Func<DateTimeOffset> simulatedNow, CancellationToken cancellationToken)
    {
        var console = Context.Console;
        var unicode = console.Out.Profile.Capabilities.Unicode;
        await console.Out.Live(new Text("Logging in…")).StartAsync(async live =>
        {
            var shown = 0;
            HomeView? last = null;
            await foreach (var watchEvent in watch.ConfigureAwait(false))
            {
                switch (watchEvent)
                {
                    case DeviceSnapshot snapshot:
                        last = ReadView(snapshot.Devices, offset, simulatedNow);
                        live.UpdateTarget(HomeViewRenderer.Render(last, unicode));
                        shown++;
                        break;
                    case DeviceWatchInterrupted lost:
                        var note = new Markup("[red]" + Markup.Escape(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{WatchFailure.Summary(lost.Error)}, reconnecting in {lost.RetryDelay.TotalSeconds:0.#} s (attempt {lost.Attempt})")) + "[/]");
                        live.UpdateTarget(last is null ? note : new Rows(HomeViewRenderer.Render(last, unicode), note));
                        break;
                }

                live.Refresh();
                if (shown >= count)
                {
                    break;
                }
            }
        }).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Where the emulator listens and how to try it, each line short enough for 80 columns so no command wraps. With
    /// <c>--once</c> the emulator stops after the snapshot, so no command is offered to run against it.
    /// </summary>
    private void WriteWelcome(KiwigridEmulator emulator, CloudKind cloud, SimulationOptions simulation, bool json, Uri? dashboard, bool once)
    {
        var hems = cloud == CloudKind.Hems;
        var lines = new List<string?>
        {
            $"Kiwigrid emulator listening on {emulator.BaseUri}" + (once ? " for one snapshot" : string.Empty),
            hems ? "  cloud      today's SOLARWATT cloud (OneID + HEMS API)" : "  cloud      the 2018 Kiwigrid cloud (event bus)",
            dashboard is null ? null : $"  dashboard  {dashboard}",
            $"  demo user  {emulator.UserName}   password  {emulator.Password}",
            hems ? $"  OneID      {emulator.SolarwattRealmUri}" : $"  event bus  {emulator.BusUri}",
            hems ? $"  HEMS API   {emulator.HemsApiUri}" : null,
            $"  local EM   {emulator.LocalDevicesUri}",
            string.Create(CultureInfo.InvariantCulture, $"  simulated  {simulation.City}, from {simulation.Start:yyyy-MM-dd HH:mm}, {simulation.SpeedFactor:0.##}x real time"),
        };
        if (!once)
        {
            lines.AddRange(
            [
                "  try it from another terminal:",
                $"    export KIWIGRID_USERNAME={emulator.UserName} KIWIGRID_PASSWORD={emulator.Password}",
                $"    {CliInvocation.Current()} devices \\",
                $"      --server {emulator.BaseUri}" + (hems ? string.Empty : " --cloud legacy"),
            ]);
        }

        lines.Add(string.Empty);
        foreach (var line in lines.OfType<string>())
        {
            if (json)
            {
                Context.Console.WriteNote(line);
            }
            else
            {
                Context.Console.WriteRawLine(line);
            }
        }
    }
}
