using System.Text.Json.Nodes;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>serve</c> on today's SOLARWATT cloud (the default) against the emulator, beside the 2018 cloud.</summary>
public sealed class ServeOnHemsTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-serve-state-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private Task<ServedHome> StartOnHemsAsync() => ServedHome.StartAsync(server => ["--server", server, "--state-dir", _stateDir]);

    [Fact]
    public async Task The_energy_flow_api_answers_as_on_the_2018_cloud_at_the_same_instant()
    {
        string legacy;
        await using (var served = await ServedHome.StartAsync())
        {
            await served.WaitForFirstSnapshotAsync();
            legacy = Figures(await served.GetJsonAsync("api/energy-flow"));
        }

        await using var hems = await StartOnHemsAsync();
        await hems.WaitForFirstSnapshotAsync();

        Assert.Matches("\"pvPowerW\":\\d.*\"flows\":\\[\\{", legacy);
        Assert.Equal(legacy, Figures(await hems.GetJsonAsync("api/energy-flow")));
    }

    [Fact]
    public async Task The_lifetime_counters_come_from_the_analytics_and_a_restart_neither_lowers_nor_doubles_them()
    {
        Dictionary<string, double> before;
        await using (var served = await StartOnHemsAsync())
        {
            await served.WaitForFirstSnapshotAsync();
            before = await CountersAsync(served);

            // A one-shot command shows the counters serve keeps, from the same file.
            var get = await new CliRun { TimeProvider = served.Clock }.WithDemoUser().RunAsync("get", "location", "WorkProduced", "--server", served.Server, "--state-dir", _stateDir, "--json");
            Assert.True(get.ExitCode == 0, get.ToString());
            Assert.Equal(before["kiwigrid_pv_energy_watt_hours_total"], System.Text.Json.JsonDocument.Parse(get.Out).RootElement.GetProperty("value").GetDouble(), 0.05);
        }

        Assert.Single(Directory.GetFiles(_stateDir, "energy-counters-*.json"));
        await using var restarted = await StartOnHemsAsync();
        await restarted.WaitForFirstSnapshotAsync();
        var after = await CountersAsync(restarted);

        Assert.True(before["kiwigrid_pv_energy_watt_hours_total"] > 0, "ten sunny hours produced energy");
        Assert.Equal(before, after);
    }

    private static async Task<Dictionary<string, double>> CountersAsync(ServedHome served)
    {
        using var response = await served.Http.GetAsync("metrics");
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        string[] names =
        [
            "kiwigrid_pv_energy_watt_hours_total", "kiwigrid_house_energy_watt_hours_total",
            "kiwigrid_grid_import_energy_watt_hours_total", "kiwigrid_grid_export_energy_watt_hours_total",
            "kiwigrid_battery_charge_energy_watt_hours_total", "kiwigrid_battery_discharge_energy_watt_hours_total",
        ];
        return names.ToDictionary(name => name, name => Assert.Single(samples, s => s.Name == name && s.Labels.Count == 0).Value);
    }

    /// <summary>
    /// The power figures and flows. The HEMS energy flow names neither the site nor a measurement time, so serve stamps
    /// it with its clock, which here runs slower than the simulated home; times and today's span differ, power must not.
    /// </summary>
    private static string Figures(System.Text.Json.JsonElement flow)
    {
        var node = JsonNode.Parse(flow.GetRawText())!.AsObject();
        var figures = new JsonObject();
        foreach (var name in new[] { "pvPowerW", "housePowerW", "grid", "battery", "ev", "selfSufficiency", "flows" })
        {
            figures[name] = node[name]?.DeepClone();
        }

        return figures.ToJsonString();
    }
}
