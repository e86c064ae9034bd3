using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One smart heater (heating rod) of <c>/smart-heater</c>.</summary>
/// <param name="Device">Who the heater is.</param>
/// <param name="Temperature">The water temperature, °C.</param>
/// <param name="PowerACInMax">The most power it draws, W.</param>
public sealed record HemsSmartHeater(HemsDevice Device, double? Temperature, double? PowerACInMax)
{
    internal static HemsSmartHeater Read(JsonElement item) =>
        new(HemsDevice.Read(item), HemsJson.Number(item, "temperature"), HemsJson.Number(item, "power_ac_in_max"));
}
