using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// Reads device documents. Tag values point into one parsed document instead of being copied one by one, so a
/// large dump is decoded with a single parse.
/// </summary>
public static class DeviceParser
{
    /// <summary>
    /// Reads a list of devices from UTF-8 JSON: a bare array, <c>{"items":[…]}</c>, or the local Energy Manager's
    /// <c>{"result":{"items":[…]}}</c>. A leading byte-order mark is skipped.
    /// </summary>
    /// <exception cref="KiwigridProtocolException">The bytes are not valid JSON or hold no device list.</exception>
    public static IReadOnlyList<Device> ParseDeviceList(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        JsonElement root;
        try
        {
            // ParseValue builds a document that needs no disposal, so tag values may point into it for good.
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
            root = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new KiwigridProtocolException($"The device list is not valid JSON ({ex.Message}).", ex);
        }

        return ParseDeviceList(root);
    }

    /// <summary>Reads a list of devices from a bare array, <c>{"items":[…]}</c> or <c>{"result":{"items":[…]}}</c>.</summary>
    /// <exception cref="KiwigridProtocolException">The element holds no device list.</exception>
    public static IReadOnlyList<Device> ParseDeviceList(JsonElement root)
    {
        var items = root;
        if (items.ValueKind == JsonValueKind.Object && items.TryGetProperty("result", out var result))
        {
            items = result;
        }

        if (items.ValueKind == JsonValueKind.Object && items.TryGetProperty("items", out var inner))
        {
            items = inner;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new KiwigridProtocolException("The reply holds no device list: expected an array or an object with \"items\".");
        }

        var devices = new List<Device>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            devices.Add(ParseDevice(item));
        }

        return devices;
    }

    /// <summary>Reads one device document (cloud or local shape).</summary>
    /// <exception cref="KiwigridProtocolException">The element is not a device document (no string <c>guid</c>).</exception>
    public static Device ParseDevice(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("guid"u8, out var guidElement)
            || guidElement.ValueKind != JsonValueKind.String)
        {
            throw new KiwigridProtocolException("A device document has no \"guid\" string.");
        }

        var guid = guidElement.GetString()!;
        return new Device(guid, ParseClasses(document), ParseTags(document));
    }

    private static List<string> ParseClasses(JsonElement document)
    {
        var classes = new List<string>();
        if (!document.TryGetProperty("deviceModel"u8, out var model))
        {
            return classes;
        }

        // The cloud sends an array of {"deviceClass":…}; tolerate a single object as well.
        if (model.ValueKind == JsonValueKind.Object)
        {
            AddClass(model, classes);
        }
        else if (model.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in model.EnumerateArray())
            {
                AddClass(entry, classes);
            }
        }

        return classes;
    }

    private static void AddClass(JsonElement entry, List<string> classes)
    {
        if (entry.ValueKind == JsonValueKind.Object
            && entry.TryGetProperty("deviceClass"u8, out var cls)
            && cls.ValueKind == JsonValueKind.String)
        {
            classes.Add(cls.GetString()!);
        }
    }

    private static Dictionary<string, TagValue> ParseTags(JsonElement document)
    {
        if (!document.TryGetProperty("tagValues"u8, out var tagValues) || tagValues.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, TagValue>(StringComparer.Ordinal);
        }

        var tags = new Dictionary<string, TagValue>(tagValues.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var property in tagValues.EnumerateObject())
        {
            tags[property.Name] = ParseTag(property.Name, property.Value);
        }

        return tags;
    }

    /// <summary>Reads one tag value document (<c>{"tagName":…,"value":…,"timestamp":…,"oca":…}</c>).</summary>
    internal static TagValue ParseTag(string name, JsonElement tag)
    {
        if (tag.ValueKind != JsonValueKind.Object)
        {
            // Not the documented shape: keep what was sent as the value rather than dropping the tag.
            return new TagValue(name, tag);
        }

        // One pass over the tag's few fields: each TryGetProperty would search them all again.
        JsonElement value = default;
        DateTimeOffset? timestamp = null;
        long? oca = null;
        foreach (var field in tag.EnumerateObject())
        {
            if (field.NameEquals("value"u8))
            {
                value = field.Value;
            }
            else if (field.NameEquals("timestamp"u8))
            {
                timestamp = field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt64(out var raw)
                    ? EpochTime.FromSecondsOrMilliseconds(raw)
                    : null;
            }
            else if (field.NameEquals("oca"u8))
            {
                oca = field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt64(out var o) ? o : null;
            }
        }

        return new TagValue(name, value, timestamp, oca);
    }
}
