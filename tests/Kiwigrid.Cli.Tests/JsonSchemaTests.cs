using System.Text.Json;
using Kiwigrid.Cli.Tests.Serve;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// One JSON shape per concept, documented in <c>docs/schema/kiwigrid.schema.json</c>: the real outputs of every
/// command and endpoint that prints an energy flow or energy totals are valid against it.
/// </summary>
public sealed class JsonSchemaTests(EmulatedHome home) : IClassFixture<EmulatedHome>
{
    private CliRun Cli() => new CliRun { TimeProvider = home.Clock }.WithDemoUser();

    [Fact]
    public async Task Status_json_is_an_energy_flow_with_the_apis_grid_and_battery_fields()
    {
        var outcome = await Cli().RunAsync("status", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        OutputSchema.AssertValid("energyFlow", outcome.Out);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.True(json.RootElement.GetProperty("grid").TryGetProperty("importPowerW", out _));
        Assert.True(json.RootElement.GetProperty("battery").TryGetProperty("chargingPowerW", out _));
        // The simulated home obeys the energy balance: nothing to mark.
        Assert.Empty(json.RootElement.GetProperty("balanceGaps").EnumerateArray());
    }

    [Fact]
    public async Task Demo_once_json_is_an_energy_flow()
    {
        var outcome = await new CliRun().RunAsync("demo", "--once", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        OutputSchema.AssertValid("energyFlow", outcome.Out);
    }

    [Fact]
    public async Task History_json_rows_are_energy_totals_named_as_today_is()
    {
        var outcome = await Cli().RunAsync("history", "--cloud", "legacy", "--server", home.Server, "--from", "today", "--resolution", "1h", "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        OutputSchema.AssertValid("history", outcome.Out);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.True(json.RootElement[0].TryGetProperty("producedWh", out _), outcome.Out);
    }

    [Fact]
    public async Task Status_json_of_a_dump_that_breaks_the_balance_names_the_gap()
    {
        await using var server = await DeviceListServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json")));

        var outcome = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString(), "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        OutputSchema.AssertValid("energyFlow", outcome.Out);
        using var json = JsonDocument.Parse(outcome.Out);
        // The dump's battery discharges 0 W, yet its Location has 7 W to the grid and 4 W to the house come from it.
        var gap = Assert.Single(json.RootElement.GetProperty("balanceGaps").EnumerateArray());
        Assert.Equal("batteryDischarging", gap.GetProperty("figure").GetString());
        Assert.Equal(0, gap.GetProperty("reportedW").GetDouble());
        Assert.Equal(11, gap.GetProperty("flowsW").GetDouble());
        Assert.Equal("Battery discharging is 0 W, but 11 W flow out of the battery (11 W apart).", gap.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Status_of_a_randomised_dump_whose_pv_flows_exceed_its_production_says_so()
    {
        // The example, built from em-1 as a randomised publisher dump has it: PV 52 W, yet 1,152 W leave the PV.
        var dump = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json")))!;
        var location = dump["result"]!["items"]!.AsArray()
            .Single(i => i!["deviceModel"]!.AsArray().Any(c => c!["deviceClass"]!.GetValue<string>().EndsWith(".Location", StringComparison.Ordinal)))!;
        location["tagValues"]!["PowerProduced"]!["value"] = 52;
        location["tagValues"]!["PowerConsumedFromProducers"]!["value"] = 1144;
        await using var server = await DeviceListServer.StartAsync(System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString()));

        var table = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString());
        var json = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString(), "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("PV production is 52 W, but 1.15 kW flow out of PV", table.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Contains(document.RootElement.GetProperty("balanceGaps").EnumerateArray(), g => g.GetProperty("figure").GetString() == "pv" && g.GetProperty("flowsW").GetDouble() == 1152);
    }

    [Theory]
    [InlineData("solarwatt-em-2.json")]
    [InlineData("solarwatt-em-3.json")]
    [InlineData("solarwatt-em-batteryflex.json")]
    public async Task Status_of_a_dump_that_balances_names_no_gap(string dump)
    {
        await using var server = await DeviceListServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", dump)));

        var json = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString(), "--json");
        var table = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString());

        OutputSchema.AssertValid("energyFlow", json.Out);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Empty(document.RootElement.GetProperty("balanceGaps").EnumerateArray());
        Assert.DoesNotContain("do not add up", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apis_energy_flow_and_the_dashboards_snapshot_event_follow_the_schema()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();

        var flow = await served.GetJsonAsync("api/energy-flow");
        var hello = await served.HelloAsync();

        OutputSchema.AssertValid("energyFlow", flow);
        Assert.Equal(JsonValueKind.Object, flow.GetProperty("today").ValueKind);
        OutputSchema.AssertValid("snapshotEvent", hello.GetProperty("snapshot"));
        foreach (var device in (await served.GetJsonAsync("api/devices")).EnumerateArray())
        {
            OutputSchema.AssertValid("deviceSummary", device);
        }
    }

    [Fact]
    public async Task Devices_json_lists_the_same_device_summaries_as_the_api()
    {
        var outcome = await Cli().RunAsync("devices", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.NotEmpty(json.RootElement.EnumerateArray());
        foreach (var device in json.RootElement.EnumerateArray())
        {
            OutputSchema.AssertValid("deviceSummary", device);
        }

        var battery = json.RootElement.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "Battery");
        Assert.Equal(JsonValueKind.Number, battery.GetProperty("stateOfChargePercent").ValueKind);
    }

    [Fact]
    public void The_schema_rejects_the_old_status_shape_and_history_keys()
    {
        const string OldStatus = """{"site":"Muster","time":null,"pvPowerW":715.6345500000002,"housePowerW":1,"battery":{"stateOfChargePercent":50,"powerW":0},"grid":{"powerW":1},"selfSufficiency":1,"flows":[]}""";
        const string OldHistory = """[{"start":"2025-06-21T00:00:00+00:00","end":"2025-06-21T01:00:00+00:00","production":0,"consumption":1}]""";

        Assert.ThrowsAny<Exception>(() => OutputSchema.AssertValid("energyFlow", OldStatus));
        Assert.ThrowsAny<Exception>(() => OutputSchema.AssertValid("history", OldHistory));
    }
}
