using System.Buffers;
using System.Text;
using System.Text.Json;
using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>What one snapshot gives to publish: the energy flow's values and each shown device with its sensors.</summary>
internal sealed class SensorSnapshot
{
    private SensorSnapshot(
        Device? energyManager,
        IReadOnlyList<(MqttSensor Sensor, double? Value)> energyFlow,
        IReadOnlyList<(Device Device, IReadOnlyList<MqttSensor> Sensors)> devices)
    {
        EnergyManager = energyManager;
        EnergyFlow = energyFlow;
        Devices = devices;
    }

    /// <summary>The Energy Manager, if the snapshot holds it: the hub every other device is reached through.</summary>
    public Device? EnergyManager { get; }

    /// <summary>Every energy-flow sensor with its value now; null when the site does not report it.</summary>
    public IReadOnlyList<(MqttSensor Sensor, double? Value)> EnergyFlow { get; }

    /// <summary>The devices that have sensors, each with them.</summary>
    public IReadOnlyList<(Device Device, IReadOnlyList<MqttSensor> Sensors)> Devices { get; }

    public static SensorSnapshot From(IReadOnlyList<Device> devices)
    {
        var flow = Client.Devices.EnergyFlow.From(devices);
        var site = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        return new SensorSnapshot(
            devices.FirstOrDefault(d => d.Kind == DeviceKind.EnergyManager),
            [.. SensorCatalog.EnergyFlow.Select(entry => (entry.Sensor, entry.Read(flow, site)))],
            [.. devices.Select(d => (Device: d, Sensors: SensorCatalog.For(d))).Where(d => d.Sensors.Count > 0)]);
    }

    /// <summary>
    /// The state topics: the energy flow as one JSON object, and one per device keyed by tag name, each number to a
    /// tenth. A value the site does not report is <c>null</c>, which Home Assistant shows as unknown.
    /// </summary>
    public IReadOnlyList<MqttOutgoingMessage> StateMessages(MqttTopics topics)
    {
        var messages = new List<MqttOutgoingMessage>(Devices.Count + 1)
        {
            new(topics.EnergyFlowState, Json(EnergyFlow), Retain: false),
        };
        foreach (var (device, sensors) in Devices)
        {
            messages.Add(new(topics.DeviceState(device), Json([.. sensors.Select(s => (s, device.GetDouble(s.Key)))]), Retain: false));
        }

        return messages;
    }

    private static string Json(IReadOnlyList<(MqttSensor Sensor, double? Value)> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (sensor, value) in values)
            {
                if (value is { } number && double.IsFinite(number))
                {
                    // W, Wh, % and °C: to a tenth, like every other output for people (DisplayPrecision).
                    writer.WriteNumber(sensor.Key, DisplayPrecision.Tenth(number));
                }
                else
                {
                    writer.WriteNull(sensor.Key);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
