using System.Text.Json;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// One thing the Manager knows (a device, the site, a bridge), from <c>/rest/hems-configurator/things</c> (new
/// firmware: <c>id</c>, <c>thingType.id</c>, <c>thingType.category.type</c>) or openHAB's <c>/rest/things</c> (old
/// firmware: <c>UID</c>, <c>thingTypeUID</c>).
/// </summary>
internal sealed record ManagerThing(string Id, string? TypeId, string? Category, string? Label, string? SerialNumber, string? Status)
{
    public const string ConfiguratorPath = "/rest/hems-configurator/things";
    public const string OpenHabPath = "/rest/things";

    /// <summary>What the thing is in the Kiwigrid model, from its category, else from its id's segments.</summary>
    public ManagerThingKind Kind
    {
        get
        {
            var type = TypeId ?? Id;
            return Category switch
            {
                "STORAGES" => ManagerThingKind.Battery,
                "POWER_METERS" => ManagerThingKind.Meter,
                "INVERTERS" => ManagerThingKind.Inverter,
                _ when type.StartsWith("kiwigrid-location:", StringComparison.Ordinal) => ManagerThingKind.Location,
                _ when type.StartsWith("pvplant:", StringComparison.Ordinal) => ManagerThingKind.PvPlant,
                _ => KindOfSegment(type.Split(':') is [_, var segment, ..] ? segment : string.Empty),
            };
        }
    }

    public static ManagerThingKind KindOfSegment(string segment) => segment switch
    {
        "battery" => ManagerThingKind.Battery,
        "meter" => ManagerThingKind.Meter,
        "inverter" => ManagerThingKind.Inverter,
        _ => ManagerThingKind.Other,
    };

    public static IReadOnlyList<ManagerThing> ParseList(byte[] body, string path) =>
        ManagerJson.Parse(body, path, JsonValueKind.Array, array => (IReadOnlyList<ManagerThing>)[.. array.EnumerateArray().Select(Read).OfType<ManagerThing>()]);

    /// <summary>A thing of either shape; null for an element without an id (skipped).</summary>
    private static ManagerThing? Read(JsonElement thing)
    {
        if (thing.ValueKind != JsonValueKind.Object || (HemsJson.String(thing, "id") ?? HemsJson.String(thing, "UID")) is not { Length: > 0 } id)
        {
            return null;
        }

        var type = HemsJson.Object(thing, "thingType");
        var category = type is { } t && HemsJson.Object(t, "category") is { } c ? HemsJson.String(c, "type") : null;
        var status = HemsJson.Object(thing, "statusInfo") is { } s ? HemsJson.String(s, "status") : null;
        return new ManagerThing(
            id,
            type is { } typeObject ? HemsJson.String(typeObject, "id") : HemsJson.String(thing, "thingTypeUID"),
            category,
            HemsJson.String(thing, "label"),
            HemsJson.String(thing, "serialNumber"),
            status);
    }
}
