using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

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
        var flowsReported = flows is not null;
        if (flows is null && pv is not null && house is not null)
        {
            flows = PowerFlows.Estimate(pv.Value, house.Value, battery ?? 0, grid ?? 0);
        }

        var stations = devices.Where(d => d.Kind == DeviceKind.EVStation).ToList();
        var view = new HomeView
        {
            SiteName = site?.Name,
            At = at,
            PvPower = pv,
            HousePower = house,
            BatteryStateOfCharge = flow.BatteryCount > 0 ? flow.BatteryStateOfCharge?.Value : null,
            BatteryPower = flow.BatteryCount > 0 || battery is > 0 or < 0 ? battery : null,
            GridPower = grid,
            GridImportPower = flow.GridImport?.Value,
            GridExportPower = flow.GridExport?.Value,
            BatteryChargingPower = flow.BatteryCharging?.Value,
            BatteryDischargingPower = flow.BatteryDischarging?.Value,
            BatteryCount = flow.BatteryCount,
            EvPower = stations.Count == 0 ? null : stations.Sum(s => s.GetDouble(TagNames.PowerACIn) ?? 0),
            SelfSufficiency = flow.SelfSufficiency?.Value / 100,
            Flows = flows ?? [],
        };
        return view with { BalanceGaps = EnergyBalance.Gaps(view, flowsReported) };
    }
}
