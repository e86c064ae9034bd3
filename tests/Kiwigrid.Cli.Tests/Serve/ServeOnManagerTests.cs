using System.Text.Json;
using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>serve --local</c> on the emulated SOLARWATT Manager flex: the same home as the classic Energy Manager shows.</summary>
public sealed class ServeOnManagerTests
{
    [Theory]
    [InlineData(ManagerFirmware.New)]
    [InlineData(ManagerFirmware.Old)]
    public async Task The_energy_flow_api_and_metrics_show_the_managers_home(ManagerFirmware firmware)
    {
        JsonElement classic;
        await using (var served = await ServedHome.StartAsync(server => ["--local", server]))
        {
            await served.WaitForFirstSnapshotAsync();
            classic = await served.GetJsonAsync("api/energy-flow");
        }

        await using var manager = await ServedHome.StartOnManagerAsync(ManagerOptions.Default with { Firmware = firmware });
        await manager.WaitForFirstSnapshotAsync();
        var flow = await manager.GetJsonAsync("api/energy-flow");
        using var metrics = await manager.Http.GetAsync("metrics");
        var samples = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync());

        Assert.True(flow.GetProperty("pvPowerW").GetDouble() > 0, flow.ToString());
        Assert.Equal(classic.GetProperty("pvPowerW").GetDouble(), flow.GetProperty("pvPowerW").GetDouble());
        Assert.Equal(classic.GetProperty("grid").GetRawText(), flow.GetProperty("grid").GetRawText());
        Assert.Equal(classic.GetProperty("battery").GetProperty("powerW").GetDouble(), flow.GetProperty("battery").GetProperty("powerW").GetDouble());
        Assert.Equal(0, flow.GetProperty("balanceGaps").GetArrayLength());
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), Assert.Single(samples, s => s.Name == "kiwigrid_pv_power_watts").Value, 0.05);
        Assert.Equal(1, Assert.Single(samples, s => s.Name == "kiwigrid_up").Value);
        Assert.Contains("is a SOLARWATT Manager", manager.Error, StringComparison.Ordinal);
    }
}
