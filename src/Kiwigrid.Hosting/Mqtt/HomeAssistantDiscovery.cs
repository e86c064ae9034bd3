using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery: one retained config per sensor under
/// <c>&lt;discovery&gt;/sensor/&lt;node&gt;/&lt;object-id&gt;/config</c>, with a device block per Kiwigrid device
/// (reached via the Energy Manager), the bridge's availability topic and a value template into the state JSON.
/// </summary>
internal static partial class HomeAssistantDiscovery
{
    private static readonly string Version =
        typeof(HomeAssistantDiscovery).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>
    /// The configs for every sensor of the reading: energy-flow sensors the site reports a value for, and every
    /// device sensor. Payloads are deterministic, so an unchanged config can be recognised and not sent again.
    /// </summary>
    public static IReadOnlyList<MqttOutgoingMessage> Configs(SensorSnapshot reading, MqttTopics topics)
    {
        var hub = HubDevice(reading.EnergyManager, topics.NodeId);
        var messages = new List<MqttOutgoingMessage>();
        foreach (var (sensor, value) in reading.EnergyFlow)
        {
            if (value is not null)
            {
                var objectId = $"{MqttTopics.EnergyFlowId}_{sensor.Key}";
                messages.Add(Config(topics, objectId, sensor, topics.EnergyFlowState, hub));
            }
        }

        foreach (var (device, sensors) in reading.Devices)
        {
            var block = BlockFor(device, reading.EnergyManager?.Guid);
            foreach (var sensor in sensors)
            {
                var objectId = $"{MqttTopics.DeviceId(device)}_{MqttTopics.Sanitize(sensor.Key)}";
                messages.Add(Config(topics, objectId, sensor, topics.DeviceState(device), block));
            }
        }

        return messages;
    }

    private static MqttOutgoingMessage Config(MqttTopics topics, string objectId, MqttSensor sensor, string stateTopic, DeviceBlock device)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", sensor.Name);

            // Node and object id together are unique per site and stable across restarts and renames.
            writer.WriteString("unique_id", $"kiwigrid_{topics.NodeId}_{objectId}");
            writer.WriteString("state_topic", stateTopic);
            writer.WriteString("value_template", $"{{{{ value_json.{sensor.Key} }}}}");
            if (sensor.DeviceClass.Length > 0)
            {
                writer.WriteString("device_class", sensor.DeviceClass);
            }

            writer.WriteString("state_class", sensor.StateClass);
            writer.WriteString("unit_of_measurement", sensor.Unit);
            writer.WriteNumber("suggested_display_precision", sensor.DisplayPrecision);
            WriteAvailabilityAndOrigin(writer, topics, device);
            writer.WriteEndObject();
        }

        return new MqttOutgoingMessage(topics.SensorConfig(objectId), Encoding.UTF8.GetString(buffer.WrittenSpan), Retain: true);
    }

    /// <summary>The device the energy-flow sensors belong to: the Energy Manager, or a stand-in named after the node.</summary>
    private static DeviceBlock HubDevice(Device? energyManager, string nodeId)
    {
        if (energyManager is null)
        {
            return new DeviceBlock($"kiwigrid_{nodeId}", $"Kiwigrid {nodeId}", "Kiwigrid", "Energy Manager", null, null, null);
        }

        var serial = energyManager.GetString(TagNames.IdSerialNumber);
        return new DeviceBlock(
            energyManager.Guid,
            serial is null ? "Energy Manager" : $"Energy Manager {serial}",
            energyManager.GetString(TagNames.IdManufacturer) ?? "Kiwigrid",
            energyManager.GetString(TagNames.IdModelCode) ?? "Energy Manager",
            serial,
            energyManager.GetString(TagNames.IdFirmware),
            null);
    }

    private static DeviceBlock BlockFor(Device device, string? viaDevice) => new(
        device.Guid,
        device.Name ?? device.Kind.ToString(),
        device.GetString(TagNames.IdManufacturer),
        device.GetString(TagNames.IdModelCode) ?? device.Kind.ToString(),
        device.GetString(TagNames.IdSerialNumber),
        device.GetString(TagNames.IdFirmware),
        viaDevice);

    /// <summary>Home Assistant's <c>device</c> object: what groups sensors into one device on its device page.</summary>
    private sealed record DeviceBlock(
        string Identifier, string Name, string? Manufacturer, string Model, string? SerialNumber, string? Firmware, string? ViaDevice)
    {
        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject("device");
            writer.WriteStartArray("identifiers");
            writer.WriteStringValue(Identifier);
            writer.WriteEndArray();
            writer.WriteString("name", Name);
            WriteIfSet(writer, "manufacturer", Manufacturer);
            writer.WriteString("model", Model);
            WriteIfSet(writer, "serial_number", SerialNumber);
            WriteIfSet(writer, "sw_version", Firmware);
            WriteIfSet(writer, "via_device", ViaDevice);
            writer.WriteEndObject();
        }

        private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                writer.WriteString(name, value);
            }
        }
    }

    /// <summary>What every entity's config ends with: the availability topic, the device and the software that made it.</summary>
    private static void WriteAvailabilityAndOrigin(Utf8JsonWriter writer, MqttTopics topics, DeviceBlock device)
    {
        writer.WriteString("availability_topic", topics.Availability);
        writer.WriteString("payload_available", MqttTopics.Online);
        writer.WriteString("payload_not_available", MqttTopics.Offline);
        device.Write(writer);
        writer.WriteStartObject("origin");
        writer.WriteString("name", "kiwigrid");
        writer.WriteString("sw_version", Version);
        writer.WriteEndObject();
    }
}
