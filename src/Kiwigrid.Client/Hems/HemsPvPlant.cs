using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One PV plant or inverter of <c>/pv-plant</c>.</summary>
/// <param name="Device">Who the plant is.</param>
/// <param name="PowerInstalledPeak">The installed peak power, W.</param>
public sealed record HemsPvPlant(HemsDevice Device, double? PowerInstalledPeak)
{
    internal static HemsPvPlant Read(JsonElement item) => new(HemsDevice.Read(item), HemsJson.Number(item, "power_installed_peak"));
}
