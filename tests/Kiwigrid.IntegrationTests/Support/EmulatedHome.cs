using Kiwigrid.Client;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.IntegrationTests.Support;

/// <summary>
/// An in-process emulator on an ephemeral loopback port serving the simulated home at a fixed start and seed, on a
/// fake clock: values move only when a test advances <see cref="Clock"/>, so two reads at one instant must agree.
/// </summary>
internal sealed class EmulatedHome : IAsyncDisposable
{
    /// <summary>Midsummer noon near Dresden: PV, house and grid all carry non-zero values.</summary>
    public static readonly DateTimeOffset MidsummerNoon = new(2025, 6, 21, 12, 0, 0, TimeSpan.FromHours(2));

    public const int Seed = 7;

    private EmulatedHome(KiwigridEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
    }

    /// <summary>The emulator's clock: tokens, the ping watch and the simulation run on it.</summary>
    public FakeTimeProvider Clock { get; }

    public KiwigridEmulator Emulator { get; }

    /// <summary>The served home (null when the test chose another site).</summary>
    public SimulatedSite? Simulation => Emulator.Site as SimulatedSite;

    /// <summary>Client options pointing at this emulator, on the real clock (the client's timeouts must really run).</summary>
    public KiwigridClientOptions ClientOptions => KiwigridClientOptions.ForServer(Emulator.BaseUri) with { RequestTimeout = TimeSpan.FromSeconds(10) };

    /// <summary>Starts the simulated home at <paramref name="start"/> (default <see cref="MidsummerNoon"/>) with <see cref="Seed"/>.</summary>
    public static Task<EmulatedHome> StartAsync(
        EventBusDialect dialect = EventBusDialect.VertX2,
        DateTimeOffset? start = null,
        Func<SimulationOptions, SimulationOptions>? simulation = null,
        Func<EmulatorOptions, EmulatorOptions>? emulator = null)
    {
        var settings = SimulationOptions.Default with { Seed = Seed, Start = start ?? MidsummerNoon };
        settings = simulation?.Invoke(settings) ?? settings;
        return StartAsync(clock => new SimulatedSite(settings, clock), dialect, emulator);
    }

    /// <summary>Starts an emulator serving the site <paramref name="siteFactory"/> builds.</summary>
    public static async Task<EmulatedHome> StartAsync(
        Func<TimeProvider, ISite> siteFactory,
        EventBusDialect dialect = EventBusDialect.VertX2,
        Func<EmulatorOptions, EmulatorOptions>? emulator = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var options = EmulatorOptions.Default with
        {
            TimeProvider = clock,
            Dialect = dialect,
            SiteFactory = siteFactory,

            // The client pings on the real clock, the emulator watches on the fake one: advancing the fake clock by
            // minutes must not count as a silent client (the keep-alive tests set their own timeout).
            PingTimeout = TimeSpan.FromDays(1),
        };
        options = emulator?.Invoke(options) ?? options;
        return new EmulatedHome(await KiwigridEmulator.StartAsync(options), clock);
    }

    /// <summary>Logs in with the full four-step flow (the demo account unless told otherwise) and opens the bus.</summary>
    public Task<KiwigridClient> ConnectAsync(string? userName = null, string? password = null, KiwigridClientOptions? options = null) =>
        KiwigridClient.ConnectAsync(userName ?? Emulator.UserName, password ?? Emulator.Password, options ?? ClientOptions);

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
