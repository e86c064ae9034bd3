using System.Text.Json.Nodes;

using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>
/// Golden shapes: each HEMS endpoint answers with the field names, nesting and JSON types of the payloads public
/// clients are tested against (tests/fixtures/hems), so a client written for the real API reads the emulator.
/// </summary>
public sealed class HemsShapeTests(SimulatedHomeAtNoon home) : IClassFixture<SimulatedHomeAtNoon>
{
    [Theory]
    [InlineData("/energy-flow", "energy-flow.json")]
    [InlineData("/energy-flow", "energy-flow-battery-to-grid.json")]
    [InlineData("/energy-flow", "energy-flow-grid-import.json")]
    [InlineData("/battery", "battery.json")]
    [InlineData("/battery", "battery-backup.json")]
    [InlineData("/device", "device.json")]
    [InlineData("/device/optimization", "device-optimization.json")]
    [InlineData("/pv-plant", "pv-plant.json")]
    [InlineData("/evstation", "evstation.json")]
    [InlineData("/home/consumption/consumers", "home-consumption-consumers.json")]
    [InlineData("/user/profile", "user-profile.json")]
    public async Task The_simulated_home_answers_in_the_shape_of_the_public_payload(string path, string fixture)
    {
        AssertShape(fixture, await home.Run.GetAsync(path));
    }

    [Theory]
    [InlineData("/plug", "plug.json")]
    [InlineData("/smart-heater", "smart-heater.json")]
    public async Task A_home_with_plugs_and_heaters_lists_them_in_the_shape_of_the_public_payload(string path, string fixture)
    {
        await using var run = await HemsRun.StartAsync(time => new GadgetSite(time));

        AssertShape(fixture, await run.GetAsync(path));
    }

    [Theory]
    [InlineData("production", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "&type=POWER&isDetailed=true", "production-day.json")]
    [InlineData("consumption", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "&type=POWER", "consumption-day.json")]
    [InlineData("consumption", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "&type=WORK", "consumption-work-day.json")]
    [InlineData("storage", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "&type=POWER", "storage-day.json")]
    [InlineData("independence", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "", "independence-day.json")]
    [InlineData("finance", "2025-06-24T00:00:00", "2025-06-24T23:59:59", "", "finance-day.json")]
    public async Task Analytics_answer_in_the_shape_of_the_public_payload(string kind, string from, string to, string extra, string fixture)
    {
        var answer = await home.Run.GetAsync($"/analytics/{kind}?from={from}&to={to}{extra}");

        AssertShape(Path.Combine("analytics", fixture), answer);
        var expected = Load(Path.Combine("analytics", fixture));
        var names = answer["timeseries"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToHashSet();
        Assert.All(expected["timeseries"]!.AsArray(), s => Assert.Contains(s!["name"]!.GetValue<string>(), names));
        Assert.Equal(expected["resolution"]!.GetValue<string>(), answer["resolution"]!.GetValue<string>());
        Assert.Equal(expected.AsObject().ContainsKey("devices"), answer.AsObject().ContainsKey("devices"));
    }

    /// <summary>Months and years recompute weeks of the simulation: a few seconds each.</summary>
    [Theory]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    [InlineData("production", "2025-06-01T00:00:00", "2025-06-30T23:59:59", "&type=WORK&isDetailed=true", "production-month.json")]
    [InlineData("production", "2025-01-01T00:00:00", "2025-12-31T23:59:59", "&type=WORK&isDetailed=true", "production-year.json")]
    [InlineData("consumption", "2025-06-01T00:00:00", "2025-06-30T23:59:59", "&type=WORK", "consumption-month.json")]
    [InlineData("consumption", "2025-01-01T00:00:00", "2025-12-31T23:59:59", "&type=WORK", "consumption-year.json")]
    [InlineData("storage", "2025-06-01T00:00:00", "2025-06-30T23:59:59", "&type=WORK", "storage-month.json")]
    [InlineData("storage", "2025-01-01T00:00:00", "2025-12-31T23:59:59", "&type=WORK", "storage-year.json")]
    [InlineData("independence", "2025-06-01T00:00:00", "2025-06-30T23:59:59", "", "independence-month.json")]
    [InlineData("independence", "2025-01-01T00:00:00", "2025-12-31T23:59:59", "", "independence-year.json")]
    [InlineData("finance", "2025-06-01T00:00:00", "2025-06-30T23:59:59", "", "finance-month.json")]
    [InlineData("finance", "2025-01-01T00:00:00", "2025-12-31T23:59:59", "", "finance-year.json")]
    public Task Month_and_year_analytics_answer_in_the_shape_of_the_public_payload(string kind, string from, string to, string extra, string fixture) =>
        Analytics_answer_in_the_shape_of_the_public_payload(kind, from, to, extra, fixture);

    private static void AssertShape(string fixture, JsonNode answer)
    {
        var differences = JsonShape.Differences(Load(fixture), answer);
        Assert.True(differences.Count == 0, $"{fixture}:\n{string.Join('\n', differences)}\n{answer.ToJsonString()}");
    }

    private static JsonNode Load(string fixture) => JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("hems", fixture)))!;
}
