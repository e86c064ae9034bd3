using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>What the HEMS API says about any device: who it is and whether it is well. Fields it does not send are null.</summary>
/// <param name="Id">The device's HEMS id (a UUID).</param>
/// <param name="Name">The name the owner sees.</param>
/// <param name="Type">The HEMS type, e.g. <c>BATTERY</c>, <c>INVERTER</c>, <c>EV_STATION</c>, <c>PLUG</c>, <c>SMART_HEATER</c>.</param>
/// <param name="Manufacturer">The manufacturer.</param>
/// <param name="ModelCode">The model, as the API sends it (sometimes only a number).</param>
/// <param name="SerialNumber">The serial number.</param>
/// <param name="Firmware">The firmware version.</param>
/// <param name="State">The device state (<c>state_device</c>), e.g. <c>OK</c>.</param>
/// <param name="Mode">The operating mode, e.g. <c>AUTO</c> or <c>DISCHARGING</c>.</param>
/// <param name="ConfiguredInLocation">Whether the device is part of the site's configuration.</param>
public sealed record HemsDevice(
    string Id,
    string? Name,
    string? Type,
    string? Manufacturer,
    string? ModelCode,
    string? SerialNumber,
    string? Firmware,
    string? State,
    string? Mode,
    bool? ConfiguredInLocation)
{
    internal static HemsDevice Read(JsonElement item) => new(
        HemsJson.String(item, "id") ?? throw new KiwigridProtocolException("A device in the HEMS API's answer has no id; the API may have changed."),
        HemsJson.String(item, "name"),
        HemsJson.String(item, "type"),
        HemsJson.String(item, "manufacturer"),
        ModelCodeOf(item),
        HemsJson.String(item, "serial_number"),
        HemsJson.String(item, "firmware"),
        HemsJson.String(item, "state_device"),
        HemsJson.String(item, "mode"),
        HemsJson.Bool(item, "configured_in_location"));

    private static string? ModelCodeOf(JsonElement item) =>
        item.TryGetProperty("model_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetRawText() : HemsJson.String(item, "model_code");
}
