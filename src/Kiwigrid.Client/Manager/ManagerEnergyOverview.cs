using System.Text.Json;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// The site's power now as new Manager firmware gives it (<c>GET /rest/hems-configurator/energy-overview</c>), W;
/// <c>feedIn</c> is power to the grid, <c>feedOut</c> power from it; the state of charge is in %. Null where the
/// Manager sent null or nothing.
/// </summary>
internal sealed record ManagerEnergyOverview(
    double? Production,
    double? FeedIn,
    double? FeedOut,
    double? HouseholdConsumption,
    double? StoragePowerIn,
    double? StoragePowerOut,
    double? BatterySoc)
{
    public const string Path = "/rest/hems-configurator/energy-overview";

    /// <summary>Whether the overview says anything about a battery.</summary>
    public bool HasBattery => StoragePowerIn is not null || StoragePowerOut is not null || BatterySoc is not null;

    public static ManagerEnergyOverview Read(JsonElement overview) => new(
        HemsJson.Number(overview, "production"),
        HemsJson.Number(overview, "feedIn"),
        HemsJson.Number(overview, "feedOut"),
        HemsJson.Number(overview, "householdConsumption"),
        HemsJson.Number(overview, "storagePowerIn"),
        HemsJson.Number(overview, "storagePowerOut"),
        HemsJson.Number(overview, "batterySoc"));

    public static ManagerEnergyOverview Parse(byte[] body) => ManagerJson.Parse(body, Path, JsonValueKind.Object, Read);
}
