using System.Text.Json;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The Manager's thing lists: new firmware's <c>GET /rest/hems-configurator/things</c> (fields as the public
/// payloads show) and old firmware's openHAB <c>GET /rest/things</c> (openHAB's REST shape, our design).
/// </summary>
internal static class ManagerThingLists
{
    public static void WriteConfiguratorThings(Utf8JsonWriter w, ManagerHome home)
    {
        w.WriteStartArray();
        foreach (var thing in home.Things)
        {
            w.WriteStartObject();
            w.WriteString("id", thing.Uid);
            w.WriteString("label", thing.Label);
            w.WriteStartObject("thingType");
            w.WriteString("id", thing.ThingTypeUid);
            w.WriteString("title", thing.TypeTitle);
            if (thing.Category is { } category)
            {
                w.WriteStartObject("category");
                w.WriteString("type", category);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            WriteStatus(w);
            w.WriteString("serialNumber", thing.Serial);
            if (thing.Category is not null && home.BridgeUid is { } bridge)
            {
                w.WriteStartObject("responsibleBridge");
                w.WriteString("id", bridge);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteOpenHabThings(Utf8JsonWriter w, ManagerHome home)
    {
        w.WriteStartArray();
        foreach (var thing in home.Things)
        {
            w.WriteStartObject();
            w.WriteString("UID", thing.Uid);
            w.WriteString("label", thing.Label);
            w.WriteString("thingTypeUID", thing.ThingTypeUid);
            if (thing.Category is not null && home.BridgeUid is { } bridge)
            {
                w.WriteString("bridgeUID", bridge);
            }

            WriteStatus(w);
            w.WriteStartObject("properties");
            w.WriteString("serialNumber", thing.Serial);
            w.WriteEndObject();
            w.WriteStartArray("channels");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Every emulated device is online (the simulation has no faults).</summary>
    private static void WriteStatus(Utf8JsonWriter w)
    {
        w.WriteStartObject("statusInfo");
        w.WriteString("status", "ONLINE");
        w.WriteString("statusDetail", "NONE");
        w.WriteEndObject();
    }
}
