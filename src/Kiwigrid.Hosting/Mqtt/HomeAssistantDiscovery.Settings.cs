using System.Buffers;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// With control: a Home Assistant <c>select</c> per choice, <c>switch</c> per switch and <c>number</c> per number
/// setting, on the device the setting belongs to, with a command topic; the state comes from the settings' topic,
/// which holds what the site read back, so Home Assistant shows a change only once the site has made it.
/// </summary>
internal static partial class HomeAssistantDiscovery
{
    /// <summary>The configs for every setting, on the device blocks of <paramref name="reading"/> where it has the device.</summary>
    public static IReadOnlyList<MqttOutgoingMessage> SettingConfigs(SensorSnapshot reading, IReadOnlyList<SiteSetting> settings, MqttTopics topics)
    {
        var messages = new List<MqttOutgoingMessage>(settings.Count);
        foreach (var setting in settings)
        {
            var shown = reading.Devices.FirstOrDefault(d => d.Device.Guid == setting.DeviceId).Device;
            var block = shown is not null
                ? BlockFor(shown, reading.EnergyManager?.Guid)
                : new DeviceBlock(setting.DeviceId, setting.DeviceName, null, "Device", null, null, reading.EnergyManager?.Guid);
            messages.Add(SettingConfig(topics, setting, block));
        }

        return messages;
    }

    /// <summary>One state message per device with settings: <c>{"optimization_mode":"…","switch_state":"ON"}</c>.</summary>
    public static IReadOnlyList<MqttOutgoingMessage> SettingStates(IReadOnlyList<SiteSetting> settings, MqttTopics topics)
    {
        var messages = new List<MqttOutgoingMessage>();
        foreach (var device in settings.GroupBy(s => s.DeviceId, StringComparer.Ordinal))
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var setting in device)
                {
                    var key = MqttTopics.Sanitize(setting.Name);
                    if (setting.Value is null)
                    {
                        writer.WriteNull(key);
                    }
                    else if (setting.Kind == SettingKind.Number && double.TryParse(setting.Value, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    {
                        writer.WriteNumber(key, number);
                    }
                    else
                    {
                        writer.WriteString(key, setting.Value);
                    }
                }

                writer.WriteEndObject();
            }

            messages.Add(new MqttOutgoingMessage(topics.SettingsState(device.Key), Encoding.UTF8.GetString(buffer.WrittenSpan), Retain: false));
        }

        return messages;
    }

    /// <summary>The object id of a setting's entity: device and setting, reduced to what topics and ids accept.</summary>
    public static string SettingObjectId(SiteSetting setting) => $"{MqttTopics.Sanitize(setting.DeviceId)}_{MqttTopics.Sanitize(setting.Name)}";

    /// <summary><c>optimization_mode</c> → <c>Optimization mode</c>.</summary>
    private static string DisplayName(string name)
    {
        var words = name.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static MqttOutgoingMessage SettingConfig(MqttTopics topics, SiteSetting setting, DeviceBlock device)
    {
        var objectId = SettingObjectId(setting);
        var component = setting.Kind switch
        {
            SettingKind.Choice => "select",
            SettingKind.Switch => "switch",
            _ => "number",
        };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", DisplayName(setting.Name));
            writer.WriteString("unique_id", $"kiwigrid_{topics.NodeId}_{objectId}");
            writer.WriteString("command_topic", topics.SettingCommand(setting.DeviceId, setting.Name));
            writer.WriteString("state_topic", topics.SettingsState(setting.DeviceId));
            writer.WriteString("value_template", $"{{{{ value_json.{MqttTopics.Sanitize(setting.Name)} }}}}");
            switch (setting.Kind)
            {
                case SettingKind.Choice:
                    writer.WriteStartArray("options");
                    foreach (var option in setting.AllowedValues)
                    {
                        writer.WriteStringValue(option);
                    }

                    writer.WriteEndArray();
                    break;
                case SettingKind.Switch:
                    // The site's two spellings, "on" first (SettingKind.Switch); the state is compared with the same ones.
                    var (on, off) = (setting.AllowedValues.ElementAtOrDefault(0) ?? "ON", setting.AllowedValues.ElementAtOrDefault(1) ?? "OFF");
                    writer.WriteString("payload_on", on);
                    writer.WriteString("payload_off", off);
                    writer.WriteString("state_on", on);
                    writer.WriteString("state_off", off);
                    break;
                default:
                    if (setting.Minimum is { } min)
                    {
                        writer.WriteNumber("min", min);
                    }

                    if (setting.Maximum is { } max)
                    {
                        writer.WriteNumber("max", max);
                    }

                    if (setting.Unit is { } unit)
                    {
                        writer.WriteString("unit_of_measurement", unit);
                    }

                    writer.WriteString("mode", "box");
                    break;
            }

            WriteAvailabilityAndOrigin(writer, topics, device);
            writer.WriteEndObject();
        }

        return new MqttOutgoingMessage(topics.EntityConfig(component, objectId), Encoding.UTF8.GetString(buffer.WrittenSpan), Retain: true);
    }
}
