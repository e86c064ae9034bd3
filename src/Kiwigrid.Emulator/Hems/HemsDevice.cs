using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Query;

namespace Kiwigrid.Emulator.Hems;

/// <summary>One device of a <see cref="HemsSnapshot"/>: its Kiwigrid guid (the HEMS id, our reading), kind and tag values.</summary>
internal sealed class HemsDevice
{
    private readonly JsonObject _tagValues;

    public HemsDevice(string guid, HemsDeviceKind kind, JsonObject tagValues)
    {
        Guid = guid;
        Kind = kind;
        _tagValues = tagValues;
    }

    public string Guid { get; }

    public HemsDeviceKind Kind { get; }

    /// <summary>The HEMS <c>type</c> of the device (values as the public payloads show them).</summary>
    public string Type => Kind switch
    {
        HemsDeviceKind.PvPlant => "INVERTER",
        HemsDeviceKind.Battery => "BATTERY",
        HemsDeviceKind.EvStation => "EV_STATION",
        HemsDeviceKind.Plug => "PLUG",
        HemsDeviceKind.SmartHeater => "SMART_HEATER",
        _ => "OTHER",
    };

    /// <summary>
    /// What a consumer's draw is called after <c>Power</c>/<c>Work</c>: an EV station's <c>ACIn</c>, a Kiwigrid plug's
    /// <c>In</c> (as the wizard dumps and the HEMS <c>WorkIn</c> series of plugs show).
    /// </summary>
    public string DrawSuffix => Kind == HemsDeviceKind.EvStation ? "ACIn" : "In";

    /// <summary>The device's <c>IdName</c>, else its guid.</summary>
    public string Name => Text("IdName") ?? Guid;

    /// <summary>A numeric tag, 0 when absent or not a number (a device that reports nothing moves nothing).</summary>
    public double Number(string tag) => NumberOrNull(tag) ?? 0;

    public double? NumberOrNull(string tag) =>
        DocumentPath.TryNumber(_tagValues[tag]?["value"], out var number) ? number : null;

    public string? Text(string tag) => _tagValues[tag]?["value"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>The strings of a list tag (e.g. <c>IdInverterList</c>); empty when absent.</summary>
    public IEnumerable<string> Strings(string tag) => _tagValues[tag]?["value"] is JsonArray items
        ? items.OfType<JsonValue>().Select(i => i.TryGetValue<string>(out var text) ? text : null).OfType<string>()
        : [];

    /// <summary>A numeric tag as text (a serial number may be stored as a number).</summary>
    public string TextOrEmpty(string tag) => Text(tag) ?? string.Empty;

    /// <summary>The state of charge as the HEMS API gives it: a fraction 0–1.</summary>
    public double StateOfChargeFraction => Number("StateOfCharge") / 100;
}
