using Kiwigrid.Emulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>
/// One emulated home on a clock that stands still, served with <c>--classic-api</c> three times, once through each
/// source on main: the 2018 cloud, today's SOLARWATT cloud and the classic Energy Manager on the LAN. All three read
/// the same instant, so what they serve can be compared with each other and with the CLI's own reading.
/// </summary>
public sealed class ClassicBridgeHome : IAsyncLifetime
{
    public const string LegacyCloud = "legacy";
    public const string HemsCloud = "hems";
    public const string ClassicEnergyManager = "local";

    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-classic-api-").FullName;
    private readonly Dictionary<string, ServedHome> _served = [];

    public KiwigridEmulator Emulator { get; private set; } = null!;

    public FakeTimeProvider Clock { get; private set; } = null!;

    public string Server => Emulator.BaseUri.ToString();

    /// <summary>The serve reading the home through <paramref name="source"/>.</summary>
    internal ServedHome Served(string source) => _served[source];

    /// <summary>The connection options for <paramref name="source"/>, the same for serve and one-shot commands.</summary>
    public string[] Connection(string source) => source switch
    {
        LegacyCloud => ["--cloud", "legacy", "--server", Server],
        HemsCloud => ["--server", Server, "--state-dir", _stateDir],
        ClassicEnergyManager => ["--local", Server],
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no such source"),
    };

    /// <summary>A one-shot command against <paramref name="source"/> at the same instant.</summary>
    internal Task<CliOutcome> RunAsync(string source, params string[] args) =>
        new CliRun { TimeProvider = Clock }.WithDemoUser().RunAsync([.. args, .. Connection(source)]);

    /// <summary>
    /// Starts the three at once. Today's cloud's first reading asks a month of analytics, which the emulator recomputes;
    /// on a busy 2-core machine that alone can take longer than the usual 15 s.
    /// </summary>
    public async Task InitializeAsync()
    {
        (Emulator, Clock) = await ServedHome.StartEmulatorAsync();
        string[] sources = [LegacyCloud, HemsCloud, ClassicEnergyManager];
        var started = await Task.WhenAll(sources.Select(source => ServedHome.StartOnAsync(Emulator, Clock, Connection(source), "--classic-api")));
        for (var i = 0; i < sources.Length; i++)
        {
            _served[sources[i]] = started[i];
        }

        await Task.WhenAll(started.Select(served => served.WaitForFirstSnapshotAsync(TimeSpan.FromSeconds(90))));
    }

    public async Task DisposeAsync()
    {
        foreach (var served in _served.Values)
        {
            await served.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }
}
