using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

/// <summary>Devices as JSON: the document form the cloud and the Energy Manager serve, and the short listing form.</summary>
internal static class DeviceJson
{
    /// <summary>The full device document: guid, class chain, every tag value with timestamp and oca when known.</summary>
    public static void WriteDocument(Utf8JsonWriter json, Device device)
    {
        json.WriteStartObject();
        json.WriteString("guid", device.Guid);
        json.WriteStartArray("deviceModel");
        foreach (var deviceClass in device.DeviceClasses)
        {
            json.WriteStartObject();
            json.WriteString("deviceClass", deviceClass);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("tagValues");
        foreach (var tag in device.Tags.Values)
        {
            json.WritePropertyName(tag.Name);
            json.WriteStartObject();
            json.WriteString("tagName", tag.Name);
            json.WriteString("guid", device.Guid);
            json.WritePropertyName("value");
            WriteValue(json, tag);
            if (tag.Timestamp is { } timestamp)
            {
                json.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
            }

            if (tag.Oca is { } oca)
            {
                json.WriteNumber("oca", oca);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The listing form, one shape for <c>devices --json</c>, <c>GET /api/devices</c> and the event stream: name, kind,
    /// state and the one power that says what the device is doing (<see cref="DevicePower"/>).
    /// </summary>
    public static void WriteSummary(Utf8JsonWriter json, Device device)
    {
        json.WriteStartObject();
        json.WriteString("guid", device.Guid);
        json.WriteString("name", device.Name);
        json.WriteString("kind", DeviceText.Kind(device));
        json.WriteString("deviceClass", device.MostSpecificClass);
        json.WriteString("state", device.GetString(TagNames.StateDevice));
        json.WriteBoolean("visible", device.GetBool(TagNames.StateVisibleIsSet) ?? true);
        HomeViewJson.Tenth(json, "powerW", DevicePower.Of(device));
        HomeViewJson.Tenth(json, "stateOfChargePercent", device.Kind == DeviceKind.Battery ? device.GetDouble(TagNames.StateOfCharge) : null);
        json.WriteEndObject();
    }

    /// <summary>One device with its tags as name → {value, unit}.</summary>
    public static void WriteTags(Utf8JsonWriter json, Device device)
    {
        json.WriteStartObject();
        json.WriteString("guid", device.Guid);
        json.WriteString("name", device.Name);
        json.WriteString("kind", DeviceText.Kind(device));
        json.WriteStartObject("tags");
        foreach (var tag in device.Tags.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            json.WritePropertyName(tag.Name);
            WriteTagValue(json, tag);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>{value, unit, timestamp} of one tag, its number rounded for its unit (<see cref="DisplayPrecision"/>).</summary>
    public static void WriteTagValue(Utf8JsonWriter json, TagValue tag)
    {
        json.WriteStartObject();
        json.WritePropertyName("value");
        WriteDisplayValue(json, tag);
        json.WriteString("unit", tag.Unit);
        if (tag.Timestamp is { } timestamp)
        {
            json.WriteString("timestamp", timestamp);
        }

        json.WriteEndObject();
    }

    /// <summary>A tag's value as the device sent it, full precision: for <c>export</c> and the classic API.</summary>
    /// <remarks>
    /// A number, <c>true</c>, <c>false</c> or <c>null</c> is written as its text and a string from its content, as
    /// <see cref="JsonElement.WriteTo"/> would, without building an element for each (most of a reply); an object or
    /// array goes through <see cref="TagValue.Value"/>, which drops comments and checks the inside.
    /// </remarks>
    public static void WriteValue(Utf8JsonWriter json, TagValue? tag)
    {
        switch (tag?.Kind)
        {
            case null or JsonValueKind.Undefined:
                json.WriteNullValue();
                break;
            case JsonValueKind.String:
                json.WriteStringValue(tag.AsString());
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                tag.Value.WriteTo(json);
                break;
            default:
                // The reply's reader checked this text: one number or literal, nothing around it.
                json.WriteRawValue(tag.Json.Utf8.Span, skipInputValidation: true);
                break;
        }
    }

    /// <summary>A tag's value with its number rounded for its unit (<see cref="DisplayPrecision"/>): for people and <c>--json</c>.</summary>
    public static void WriteDisplayValue(Utf8JsonWriter json, TagValue? tag)
    {
        if (tag is not null && DisplayPrecision.Rounded(tag) is { } number)
        {
            json.WriteNumberValue(number);
        }
        else
        {
            WriteValue(json, tag);
        }
    }
}
