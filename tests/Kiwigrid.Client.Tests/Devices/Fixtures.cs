using System.Text.Json;

using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.Devices;

/// <summary>The real wizard-devices dumps in tests/fixtures, read independently of the parser under test.</summary>
internal static class Fixtures
{
    public static readonly string[] Files =
    [
        "solarwatt-em-1.json",
        "solarwatt-em-2.json",
        "solarwatt-em-3.json",
        "solarwatt-em-batteryflex.json",
    ];

    public static byte[] Bytes(string file) => File.ReadAllBytes(RepoPaths.Fixture("wizard-devices", file));

    /// <summary>The dump's items as a plain JsonDocument (BOM-tolerant), the test's own reading.</summary>
    public static JsonElement Items(string file)
    {
        using var doc = JsonDocument.Parse(Bytes(file));
        return doc.RootElement.GetProperty("result").GetProperty("items").Clone();
    }

    public static JsonElement LocationTags(string file) =>
        Items(file).EnumerateArray()
            .Single(d => d.GetProperty("deviceModel").EnumerateArray().Any(c => c.GetProperty("deviceClass").GetString() == "com.kiwigrid.devices.location.Location"))
            .GetProperty("tagValues");

    public static double LocationValue(string file, string tag) => LocationTags(file).GetProperty(tag).GetProperty("value").GetDouble();
}
