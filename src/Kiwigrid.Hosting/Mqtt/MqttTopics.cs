using System.Text;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// The topics of one site: <c>&lt;prefix&gt;/&lt;node&gt;/status</c> (availability),
/// <c>&lt;prefix&gt;/&lt;node&gt;/energy_flow/state</c>, <c>&lt;prefix&gt;/&lt;node&gt;/&lt;device-id&gt;/state</c>,
/// with control the settings' <c>&lt;prefix&gt;/&lt;node&gt;/&lt;device-id&gt;/settings</c> and commands
/// <c>&lt;prefix&gt;/&lt;node&gt;/&lt;device-id&gt;/&lt;setting&gt;/set</c>, and Home Assistant's
/// <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object-id&gt;/config</c>.
/// </summary>
internal sealed class MqttTopics(string topicPrefix, string discoveryPrefix, string nodeId)
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string EnergyFlowId = "energy_flow";

    public string NodeId => nodeId;

    public string Availability => $"{topicPrefix}/{nodeId}/status";

    public string EnergyFlowState => $"{topicPrefix}/{nodeId}/{EnergyFlowId}/state";

    /// <summary>Home Assistant announces itself here (<c>online</c>) after a restart; discovery is then sent again.</summary>
    public string HomeAssistantStatus => $"{discoveryPrefix}/status";

    public string DeviceState(Device device) => $"{topicPrefix}/{nodeId}/{DeviceId(device)}/state";

    public string SensorConfig(string objectId) => $"{discoveryPrefix}/sensor/{nodeId}/{objectId}/config";

    /// <summary>The filter matching every sensor config of this node.</summary>
    public string SensorConfigs => $"{discoveryPrefix}/sensor/{nodeId}/+/config";

    /// <summary>The Home Assistant components a setting becomes: a choice, a switch, a number.</summary>
    public static IReadOnlyList<string> SettingComponents { get; } = ["select", "switch", "number"];

    /// <summary>A setting entity's config, under its component (<c>select</c>, <c>switch</c>, <c>number</c>).</summary>
    public string EntityConfig(string component, string objectId) => $"{discoveryPrefix}/{component}/{nodeId}/{objectId}/config";

    /// <summary>The filters matching every setting entity's config of this node.</summary>
    public IEnumerable<string> SettingConfigs => SettingComponents.Select(c => $"{discoveryPrefix}/{c}/{nodeId}/+/config");

    /// <summary>A device's settings as one JSON object, keyed by setting name.</summary>
    public string SettingsState(string deviceId) => $"{topicPrefix}/{nodeId}/{Sanitize(deviceId)}/settings";

    /// <summary>Where Home Assistant sends the new value of a setting.</summary>
    public string SettingCommand(string deviceId, string setting) => $"{topicPrefix}/{nodeId}/{Sanitize(deviceId)}/{Sanitize(setting)}/set";

    /// <summary>The filter matching every setting's command topic of this node.</summary>
    public string SettingCommands => $"{topicPrefix}/{nodeId}/+/+/set";

    /// <summary>Whether <paramref name="topic"/> matches <see cref="SettingCommands"/>.</summary>
    public bool IsSettingCommand(string topic)
    {
        var start = $"{topicPrefix}/{nodeId}/";
        if (!topic.StartsWith(start, StringComparison.Ordinal) || !topic.EndsWith("/set", StringComparison.Ordinal) || topic.Length <= start.Length + 4)
        {
            return false;
        }

        var levels = topic[start.Length..^4].Split('/');
        return levels.Length == 2 && levels.All(l => l.Length > 0);
    }

    /// <summary>A device's guid as one topic level and id part: <c>urn:kiwigrid:location:ERC05-1:0</c> → <c>urn_kiwigrid_location_erc05-1_0</c>.</summary>
    public static string DeviceId(Device device) => Sanitize(device.Guid);

    /// <summary>
    /// The node id for a site: the Energy Manager's serial number, else the serial a Location guid carries
    /// (<c>urn:kiwigrid:location:ERC05-1:0</c>, as in the real dumps; today's cloud lists no Energy Manager), else the
    /// Location's guid, else the Energy Manager's guid; null when the devices hold none of them. So one site keeps its
    /// Home Assistant entities whichever cloud it is read from.
    /// </summary>
    public static string? NodeIdFor(IReadOnlyList<Device> devices)
    {
        var energyManager = devices.FirstOrDefault(d => d.Kind == DeviceKind.EnergyManager);
        var location = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location)?.Guid;
        var candidate = energyManager?.GetString(TagNames.IdSerialNumber)
            ?? SerialIn(location)
            ?? location
            ?? energyManager?.Guid;
        return candidate is null ? null : Sanitize(candidate);
    }

    /// <summary>The Energy Manager serial a classic Location guid carries (<c>urn:kiwigrid:location:ERC05-1:0</c> → <c>ERC05-1</c>), else null.</summary>
    public static string? SerialIn(string? locationGuid)
    {
        const string Prefix = "urn:kiwigrid:location:";
        if (locationGuid is null || !locationGuid.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = locationGuid[Prefix.Length..];
        var end = rest.LastIndexOf(':');
        return end > 0 ? rest[..end] : null;
    }

    /// <summary>
    /// Lower case, with every character outside <c>[a-z0-9_-]</c> replaced by <c>_</c>: what Home Assistant accepts
    /// in object ids and what needs no escaping in a topic level.
    /// </summary>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var lower = char.ToLowerInvariant(c);
            builder.Append(lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? lower : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
