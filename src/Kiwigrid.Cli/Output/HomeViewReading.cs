using Kiwigrid.Client.Devices;

namespace Kiwigrid.Cli.Output;

/// <summary>Reads a <see cref="HomeView"/> off a site's devices.</summary>
internal static class HomeViewReading
{
    public static HomeView From(IReadOnlyList<Device> devices, DateTimeOffset at)
    {
        var flow = EnergyFlow.From(devices);
        var site = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        var pv = flow.PvProduction?.Value;
        var house = flow.HouseConsumption?.Value;
        var battery = flow.BatteryPower?.Value;
        var grid = flow.GridPower?.Value;

        var flows = site is null ? null : PowerFlows.FromBreakdown(site.GetDouble);
        if (flows is null && pv is not null && house is not null)
        {
            flows = PowerFlows.Estimate(pv.Value, house.Value, battery ?? 0, grid ?? 0);
        }

        return new HomeView
        {
            SiteName = site?.Name,
            At = at,
            PvPower = pv,
            HousePower = house,
            BatteryStateOfCharge = flow.BatteryCount > 0 ? flow.BatteryStateOfCharge?.Value : null,
            BatteryPower = flow.BatteryCount > 0 || battery is > 0 or < 0 ? battery : null,
            GridPower = grid,
            SelfSufficiency = flow.SelfSufficiency?.Value / 100,
            Flows = flows ?? [],
        };
    }
}
