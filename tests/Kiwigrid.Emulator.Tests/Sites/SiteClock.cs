using System.Globalization;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Sites;
using Kiwigrid.Emulator.Simulation;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Sites;

/// <summary>A simulated site on a fake clock, advanced in simulated time.</summary>
internal sealed class SiteClock
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SiteClock(SimulationOptions options)
    {
        Options = options;
        Site = new SimulatedSite(options, _clock);
    }

    public SimulationOptions Options { get; }

    public SimulatedSite Site { get; }

    public static SimulationOptions At(DateTimeOffset start, int seed = 1) => SimulationOptions.Default with
    {
        Seed = seed,
        Start = start,
        StepLength = TimeSpan.FromSeconds(60),
        SpeedFactor = 60,
    };

    /// <summary>Moves the clock on by <paramref name="simulated"/> simulated time and updates the site.</summary>
    public void Advance(TimeSpan simulated)
    {
        _clock.Advance(simulated / Options.SpeedFactor);
        Site.Update();
    }

    /// <summary>The guid of the device whose most specific class ends with <paramref name="classSuffix"/>.</summary>
    public string GuidOf(string classSuffix) => Site.Devices.ToDocuments(cloudShape: false)
        .Single(d => d["deviceModel"]!.AsArray()[^1]!["deviceClass"]!.GetValue<string>().EndsWith("." + classSuffix, StringComparison.Ordinal))["guid"]!
        .GetValue<string>();

    public double Location(string tag) => Number(Site.LocationGuid, tag);

    public double Number(string guid, string tag) => AsNumber(Site.Devices.GetValue(guid, tag));

    public static double AsNumber(JsonNode? node) =>
        node is null ? throw new InvalidOperationException("The tag has no value.") : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
}
