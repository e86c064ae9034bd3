using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Query;

namespace Kiwigrid.Emulator.Manager;

/// <summary>One device of the simulated home as a Manager thing: its uid, thing type, label, serial and tag values.</summary>
internal sealed class ManagerThing(ManagerThingKind kind, string uid, string thingTypeUid, string label, string serial, JsonObject tagValues)
{
    public ManagerThingKind Kind { get; } = kind;

    /// <summary>The thing's uid, e.g. <c>foxesshybrid:battery:123</c>.</summary>
    public string Uid { get; } = uid;

    /// <summary>The thing type's uid, e.g. <c>foxesshybrid:battery</c>.</summary>
    public string ThingTypeUid { get; } = thingTypeUid;

    public string Label { get; } = label;

    public string Serial { get; } = serial;

    /// <summary>The thing type's title (our wording; real ones name the product, e.g. "Vision Battery").</summary>
    public string TypeTitle => Kind switch
    {
        ManagerThingKind.Location => "Location",
        ManagerThingKind.PvPlant => "PV plant",
        ManagerThingKind.Inverter => "Inverter",
        ManagerThingKind.Meter => "Power meter",
        _ => "Battery",
    };

    /// <summary>The hems-configurator category, null where the public payloads show none.</summary>
    public string? Category => Kind switch
    {
        ManagerThingKind.Inverter => "INVERTERS",
        ManagerThingKind.Meter => "POWER_METERS",
        ManagerThingKind.Battery => "STORAGES",
        _ => null,
    };

    /// <summary>A numeric tag of the device, null when absent or not a number.</summary>
    public double? Number(string tag) => DocumentPath.TryNumber(tagValues[tag]?["value"], out var number) ? number : null;
}
