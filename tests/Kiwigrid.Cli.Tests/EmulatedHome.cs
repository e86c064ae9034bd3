using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// The in-process emulator with a simulated home on a fake clock: values stand still until a test advances the
/// clock, so what the CLI prints can be compared with the emulator's own state.
/// </summary>
public sealed class EmulatedHome : IAsyncLifetime
{
    public static readonly DateTimeOffset Noon = new(2025, 6, 21, 12, 0, 0, TimeSpan.FromHours(2));

    public FakeTimeProvider Clock { get; } = new(Noon);

    public KiwigridEmulator Emulator { get; private set; } = null!;

    public SimulatedSite Site => (SimulatedSite)Emulator.Site;

    public string Server => Emulator.BaseUri.ToString();

    public static EmulatorOptions Options(FakeTimeProvider clock) => EmulatorOptions.Default with
    {
        TimeProvider = clock,
        SiteFactory = time => new SimulatedSite(SimulationOptions.Default with { Start = Noon, SpeedFactor = 60 }, time),
    };

    /// <summary>A tag's value as the emulator holds it now.</summary>
    public JsonNode? Value(string guid, string tag)
    {
        Site.Update();
        return Site.Devices.GetValue(guid, tag);
    }

    public double Number(string guid, string tag) => Value(guid, tag)!.GetValue<double>();

    public async Task InitializeAsync() => Emulator = await KiwigridEmulator.StartAsync(Options(Clock));

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
