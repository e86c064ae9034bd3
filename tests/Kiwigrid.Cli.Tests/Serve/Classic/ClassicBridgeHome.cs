using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>
/// One emulated home on a clock that stands still, served with <c>--classic-api</c> four times, once through each
/// source: the 2018 cloud, today's SOLARWATT cloud, the classic Energy Manager and a SOLARWATT Manager flex on the LAN
/// (older firmware, whose openHAB items carry energy counters). All four read the same instant, so what they serve can
/// be compared with each other and with the CLI's own reading.
/// </summary>
public sealed class ClassicBridgeHome : IAsyncLifetime
{
    public const string LegacyCloud = "legacy";
    public const string HemsCloud = "hems";
    public const string ClassicEnergyManager = "local";
    public const string ManagerFlex = "manager";

    private static readonly ManagerOptions OlderManager = ManagerOptions.Default with { Firmware = ManagerFirmware.Old };

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
        ManagerFlex => ["--local", Emulator.ManagerUri!.ToString()],
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no such source"),
    };

    /// <summary>A one-shot command against <paramref name="source"/> at the same instant.</summary>
    internal Task<CliOutcome> RunAsync(string source, params string[] args)
    {
        var cli = new CliRun { TimeProvider = Clock }.WithDemoUser();
        foreach (var (name, value) in Environment(source) ?? new Dictionary<string, string>())
        {
            cli.Environment[name] = value;
        }

        return cli.RunAsync([.. args, .. Connection(source)]);
    }

    /// <summary>The Manager's gateway password for the Manager; nothing more for the others.</summary>
    private static Dictionary<string, string>? Environment(string source) =>
        source == ManagerFlex ? new(StringComparer.Ordinal) { ["KIWIGRID_MANAGER_PASSWORD"] = OlderManager.Password } : null;

    /// <summary>
    /// Starts the four at once. Today's cloud's first reading asks a month of analytics, which the emulator recomputes;
    /// on a busy 2-core machine that alone can take longer than the usual 15 s.
    /// </summary>
    public async Task InitializeAsync()
    {
        (Emulator, Clock) = await ServedHome.StartEmulatorAsync(OlderManager);
        string[] sources = [LegacyCloud, HemsCloud, ClassicEnergyManager, ManagerFlex];
        var started = await Task.WhenAll(sources.Select(source => ServedHome.StartOnAsync(Emulator, Clock, Connection(source), Environment(source), "--classic-api")));
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
