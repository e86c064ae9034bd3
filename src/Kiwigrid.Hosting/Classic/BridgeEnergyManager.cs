using System.Reflection;
using System.Text.Json;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// The Energy Manager device the bridge adds when the source lists none (today's cloud, a Manager flex): the
/// integrations look for one (the Mas2112 library fails its connection test without it, openHAB's bridge thing reads
/// its time zone). It is ours and says so: its guid starts with <see cref="GuidPrefix"/>, its model is
/// <c>kiwigrid-serve</c>, its firmware serve's version, its time zone serve's. It carries no serial number, which it does not have.
/// </summary>
internal static class BridgeEnergyManager
{
    public const string GuidPrefix = "kiwigrid-serve:";

    public const string ModelCode = "kiwigrid-serve";

    private static readonly string Version =
        typeof(BridgeEnergyManager).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>
    /// The guid for a site: stable as long as the site's Location is, so Home Assistant keeps its entities. The serial
    /// a classic Location guid carries (<c>urn:kiwigrid:location:ERC05-…:0</c>), else the Location's guid.
    /// </summary>
    public static string GuidFor(IReadOnlyList<Device> devices)
    {
        var location = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location)?.Guid;
        return GuidPrefix + (MqttTopics.SerialIn(location) ?? location ?? "site");
    }

    /// <summary>Writes the device as one item of the device list, in the same shape as every other.</summary>
    public static void WriteItem(Utf8JsonWriter json, IReadOnlyList<Device> devices, TimeZoneInfo zone)
    {
        var guid = GuidFor(devices);
        json.WriteStartObject();
        json.WriteStartObject("tagValues");
        WriteTag(json, guid, TagNames.IdName, "kiwigrid serve (bridge)");
        WriteTag(json, guid, TagNames.IdManufacturer, "Kiwigrid for .NET");
        WriteTag(json, guid, TagNames.IdModelCode, ModelCode);
        WriteTag(json, guid, TagNames.IdFirmware, Version);
        // openHAB's bridge thing turns the devices' epoch times into dates in this zone (a Java ZoneId: IANA only).
        if (IanaId(zone) is { } timezone)
        {
            WriteTag(json, guid, "IdTimezone", timezone);
        }

        json.WriteEndObject();
        ClassicDeviceList.WriteDeviceModel(json, [DeviceClassNames.Device, DeviceClassNames.EnergyManager]);
        json.WriteString("guid", guid);
        json.WriteEndObject();
    }

    /// <summary>The zone's IANA id (Windows names its zones otherwise), or null when it has none.</summary>
    private static string? IanaId(TimeZoneInfo zone)
    {
        if (zone.HasIanaId)
        {
            return zone.Id;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }

    private static void WriteTag(Utf8JsonWriter json, string guid, string name, string value)
    {
        json.WriteStartObject(name);
        json.WriteString("tagName", name);
        json.WriteString("guid", guid);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
