using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// One device document of the cloud or of a local Energy Manager: its guid, its class chain (generic to specific)
/// and its tags.
/// </summary>
public sealed class Device
{
    /// <summary>Creates a device.</summary>
    /// <param name="guid">The device's guid.</param>
    /// <param name="deviceClasses">The class chain, from generic to specific.</param>
    /// <param name="tags">The tags by name.</param>
    public Device(string guid, IReadOnlyList<string> deviceClasses, IReadOnlyDictionary<string, TagValue> tags)
    {
        ArgumentNullException.ThrowIfNull(guid);
        ArgumentNullException.ThrowIfNull(deviceClasses);
        ArgumentNullException.ThrowIfNull(tags);
        Guid = guid;
        DeviceClasses = deviceClasses;
        Tags = tags;
        Kind = KindOf(deviceClasses);
    }

    /// <summary>The device's guid, e.g. <c>urn:kiwigrid:location:ERC05-000099999:0</c> or a UUID.</summary>
    public string Guid { get; }

    /// <summary>The class chain, from generic (<c>com.kiwigrid.lib.device.Device</c>) to specific.</summary>
    public IReadOnlyList<string> DeviceClasses { get; }

    /// <summary>The most specific class, or null when the document names none.</summary>
    public string? MostSpecificClass => DeviceClasses.Count == 0 ? null : DeviceClasses[^1];

    /// <summary>What the device is.</summary>
    public DeviceKind Kind { get; }

    /// <summary>The display name (<c>IdName</c>), if set.</summary>
    public string? Name => GetString(TagNames.IdName);

    /// <summary>All tags by name.</summary>
    public IReadOnlyDictionary<string, TagValue> Tags { get; }

    /// <summary>Whether <paramref name="deviceClass"/> is anywhere in the class chain.</summary>
    public bool IsA(string deviceClass) => DeviceClasses.Contains(deviceClass, StringComparer.Ordinal);

    /// <summary>The tag named <paramref name="tagName"/>, or null if the device has none.</summary>
    public TagValue? GetTag(string tagName) => Tags.GetValueOrDefault(tagName);

    /// <summary>The tag's numeric value, or null if absent, null or not a number.</summary>
    public double? GetDouble(string tagName) => GetTag(tagName)?.AsDouble();

    /// <summary>The tag's string value, or null if absent, null or not a string.</summary>
    public string? GetString(string tagName) => GetTag(tagName)?.AsString();

    /// <summary>The tag's boolean value, or null if absent, null or not a boolean.</summary>
    public bool? GetBool(string tagName) => GetTag(tagName)?.AsBool();

    /// <summary>Reads a device document (cloud or local shape).</summary>
    /// <exception cref="KiwigridProtocolException">The element is not a device document.</exception>
    public static Device FromJson(JsonElement document) => DeviceParser.ParseDevice(document);

    /// <summary>The name, kind and guid, e.g. <c>Standort 1 (Location, urn:…)</c>.</summary>
    public override string ToString() => $"{Name ?? "(unnamed)"} ({Kind}, {Guid})";

    private static DeviceKind KindOf(IReadOnlyList<string> chain)
    {
        // The most specific well-known class wins: a battery converter is also an inverter.
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var kind = chain[i] switch
            {
                DeviceClassNames.EnergyManager => DeviceKind.EnergyManager,
                DeviceClassNames.Location => DeviceKind.Location,
                DeviceClassNames.PVPlant => DeviceKind.PVPlant,
                DeviceClassNames.BatteryConverter => DeviceKind.Battery,
                DeviceClassNames.Inverter => DeviceKind.Inverter,
                DeviceClassNames.PowerMeter => DeviceKind.PowerMeter,
                DeviceClassNames.EVStation => DeviceKind.EVStation,
                DeviceClassNames.Plug => DeviceKind.Plug,
                DeviceClassNames.SmartHeater => DeviceKind.SmartHeater,
                DeviceClassNames.GridFlow or DeviceClassNames.ScheduleApp or DeviceClassNames.ProfileApp
                    or DeviceClassNames.Forecast or DeviceClassNames.SmartEnergyManagement
                    or DeviceClassNames.SimpleSwitcher => DeviceKind.App,
                _ => DeviceKind.Unknown,
            };
            if (kind != DeviceKind.Unknown)
            {
                return kind;
            }
        }

        return DeviceKind.Unknown;
    }
}
