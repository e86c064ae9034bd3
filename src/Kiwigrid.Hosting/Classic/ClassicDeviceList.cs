using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// <c>GET /rest/kiwigrid/wizard/devices</c> as a classic Energy Manager answers it (the dumps in
/// <c>tests/fixtures/wizard-devices</c>): <c>{"result":{"items":[…]}}</c>, each item its <c>tagValues</c>
/// (<c>{"&lt;Tag&gt;":{"tagName","guid","value"}}</c>), its <c>deviceModel</c> class chain and its <c>guid</c>, in that
/// order and with no other field. Every device of the reading, every tag with the source's own value as it came
/// (its JSON text unchanged); a tag the source does not have is not there. When the source lists no Energy Manager,
/// the bridge's own (<see cref="BridgeEnergyManager"/>) comes last.
/// </summary>
internal static class ClassicDeviceList
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<Device> devices, TimeZoneInfo zone)
    {
        json.WriteStartObject();
        json.WriteStartObject("result");
        json.WriteStartArray("items");
        foreach (var device in devices)
        {
            WriteItem(json, device);
        }

        if (!devices.Any(d => d.Kind == DeviceKind.EnergyManager))
        {
            BridgeEnergyManager.WriteItem(json, devices, zone);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The class chain, generic to specific, as <c>[{"deviceClass":…},…]</c>.</summary>
    public static void WriteDeviceModel(Utf8JsonWriter json, IEnumerable<string> deviceClasses)
    {
        json.WriteStartArray("deviceModel");
        foreach (var deviceClass in deviceClasses)
        {
            json.WriteStartObject();
            json.WriteString("deviceClass", deviceClass);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteItem(Utf8JsonWriter json, Device device)
    {
        json.WriteStartObject();
        json.WriteStartObject("tagValues");
        foreach (var tag in device.Tags.Values)
        {
            json.WriteStartObject(tag.Name);
            json.WriteString("tagName", tag.Name);
            json.WriteString("guid", device.Guid);
            json.WritePropertyName("value");
            DeviceJson.WriteValue(json, tag);

            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteDeviceModel(json, device.DeviceClasses);
        json.WriteString("guid", device.Guid);
        json.WriteEndObject();
    }
}
