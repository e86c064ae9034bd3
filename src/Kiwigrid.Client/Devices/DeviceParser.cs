using System.Runtime.InteropServices;
using System.Text.Json;


namespace Kiwigrid.Client.Devices;

/// <summary>
/// Reads device documents in one pass over their UTF-8 text, with no document in between: the values are copied into
/// one array the list's tags share (<see cref="DeviceListBuilder"/>), so the reply need not be kept.
/// </summary>
public static class DeviceParser
{
    private static readonly JsonReaderOptions ListOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Reads a list of devices from UTF-8 JSON: a bare array, <c>{"items":[…]}</c>, or the local Energy Manager's
    /// <c>{"result":{"items":[…]}}</c>. A leading byte-order mark is skipped.
    /// </summary>
    /// <exception cref="KiwigridProtocolException">The bytes are not valid JSON or hold no device list.</exception>
    public static IReadOnlyList<Device> ParseDeviceList(ReadOnlySpan<byte> utf8Json) => ReadDeviceList(utf8Json.ToArray());

    /// <summary>Reads a list of devices from a bare array, <c>{"items":[…]}</c> or <c>{"result":{"items":[…]}}</c>.</summary>
    /// <exception cref="KiwigridProtocolException">The element holds no device list.</exception>
    public static IReadOnlyList<Device> ParseDeviceList(JsonElement root) => ReadDeviceList(TextOf(root));

    /// <summary>Reads one device document (cloud or local shape).</summary>
    /// <exception cref="KiwigridProtocolException">The element is not a device document (no string <c>guid</c>).</exception>
    public static Device ParseDevice(JsonElement document)
    {
        var json = TextOf(document);
        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        using var builder = new DeviceListBuilder();
        ReadDevice(ref reader, json.Span, builder);
        return builder.Build()[0];
    }

    /// <summary>Reads a device list from UTF-8 JSON.</summary>
    /// <exception cref="KiwigridProtocolException">The bytes are not valid JSON or hold no device list.</exception>
    internal static IReadOnlyList<Device> ReadDeviceList(ReadOnlyMemory<byte> json)
    {
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json.Span, ListOptions);
        try
        {
            reader.Read();
            var devices = ReadListIn(ref reader, json.Span, nested: false);

            // Read to the end, so trailing garbage is an error here as it is for any JSON document.
            while (reader.Read())
            {
            }

            return devices ?? throw new KiwigridProtocolException("The reply holds no device list: expected an array or an object with \"items\".");
        }
        catch (JsonException ex)
        {
            throw new KiwigridProtocolException($"The device list is not valid JSON ({ex.Message}).", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A name or string holding a lone surrogate escape (\ud800) has no .NET string form.
            throw new KiwigridProtocolException($"The device list holds text that is not valid Unicode ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads a JSON array of device documents; the reader is on its start and is left on its end.</summary>
    /// <exception cref="KiwigridProtocolException">An item is not a device document.</exception>
    internal static List<Device> ReadDevices(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        using var builder = new DeviceListBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ReadDevice(ref reader, source, builder);
        }

        return builder.Build();
    }

    /// <summary>Reads one tag value document (<c>{"value":…,"timestamp":…,"oca":…}</c>).</summary>
    internal static TagValue ParseTag(string name, JsonElement tag)
    {
        var json = TextOf(tag);
        var reader = new Utf8JsonReader(json.Span);
        var before = reader.CurrentState;
        reader.Read();
        var fields = ReadTag(ref reader, before, json.Span);
        return new TagValue(name, json[fields.Value], fields.Timestamp, fields.Oca);
    }

    /// <summary>The array of <c>[…]</c>, <c>{"items":[…]}</c> or <c>{"result":{"items":[…]}}</c>; null if there is none.</summary>
    private static List<Device>? ReadListIn(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, bool nested)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ReadDevices(ref reader, source);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        List<Device>? items = null;
        List<Device>? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItems = reader.ValueTextEquals("items"u8);
            var isResult = !nested && reader.ValueTextEquals("result"u8);
            reader.Read();
            if (isItems && reader.TokenType == JsonTokenType.StartArray)
            {
                items = ReadDevices(ref reader, source);
            }
            else if (isResult)
            {
                result = ReadListIn(ref reader, source, nested: true);
            }
            else
            {
                reader.Skip();
            }
        }

        return result ?? items;
    }

    /// <summary>Reads one device document into <paramref name="builder"/>; the reader is on its start and is left on its end.</summary>
    /// <exception cref="KiwigridProtocolException">The value is not a device document (no string <c>guid</c>).</exception>
    private static void ReadDevice(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, DeviceListBuilder builder)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw NoGuid();
        }

        string? guid = null;
        var classes = new List<string>();
        var firstTag = builder.TagCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("guid"u8))
            {
                reader.Read();
                guid = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw NoGuid();
            }
            else if (reader.ValueTextEquals("deviceModel"u8))
            {
                reader.Read();
                ReadClasses(ref reader, classes);
            }
            else if (reader.ValueTextEquals("tagValues"u8))
            {
                reader.Read();
                ReadTags(ref reader, source, builder);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        builder.AddDevice(guid ?? throw NoGuid(), classes, firstTag);
    }

    private static KiwigridProtocolException NoGuid() => new("A device document has no \"guid\" string.");

    private static void ReadClasses(ref Utf8JsonReader reader, List<string> classes)
    {
        // The cloud sends an array of {"deviceClass":…}; tolerate a single object as well.
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadClass(ref reader, classes);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ReadClass(ref reader, classes);
            }
        }
        else
        {
            reader.Skip();
        }
    }

    private static void ReadClass(ref Utf8JsonReader reader, List<string> classes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isClass = reader.ValueTextEquals("deviceClass"u8);
            reader.Read();
            if (isClass && reader.TokenType == JsonTokenType.String)
            {
                classes.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadTags(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, DeviceListBuilder builder)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = TagNameCache.Shared.Get(ref reader);
            var before = reader.CurrentState;
            reader.Read();
            var fields = ReadTag(ref reader, before, source);
            builder.AddTag(name, source[fields.Value], fields.Timestamp, fields.Oca);
        }
    }

    /// <summary>
    /// Reads one tag value document (<c>{"tagName":…,"value":…,"timestamp":…,"oca":…}</c>) in one pass over its few
    /// fields; anything that is not an object is kept as the value rather than dropping the tag.
    /// </summary>
    /// <param name="reader">On the document's first token.</param>
    /// <param name="before">The reader's state before that token.</param>
    /// <param name="source">The text the reader reads, which the value's range is in.</param>
    private static TagFields ReadTag(ref Utf8JsonReader reader, JsonReaderState before, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new TagFields(ValueRange(ref reader, before, source), null, null);
        }

        var value = default(Range);
        DateTimeOffset? timestamp = null;
        long? oca = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                var beforeValue = reader.CurrentState;
                reader.Read();
                value = ValueRange(ref reader, beforeValue, source);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var raw) ? EpochTime.FromSecondsOrMilliseconds(raw) : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("oca"u8))
            {
                reader.Read();
                oca = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var o) ? o : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TagFields(value, timestamp, oca);
    }

    /// <summary>Where the value the reader is on lies in the text; the reader is left on its end.</summary>
    /// <remarks>An object or array is skipped by its structure, and its inside is checked when it is first asked for (<see cref="TagValueStore"/>).</remarks>
    private static Range ValueRange(ref Utf8JsonReader reader, JsonReaderState before, ReadOnlySpan<byte> source) =>
        reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
            ? StructuralSkip.Skip(ref reader, before, source)
            : StructuralSkip.TokenStart(reader, source)..StructuralSkip.TokenEnd(reader, source);

    /// <summary>A copy of the element's JSON text, which the devices read from it may keep.</summary>
    private static ReadOnlyMemory<byte> TextOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? "null"u8.ToArray() : JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>What a tag value document holds: where its value lies in the text (empty when absent), and its stamps.</summary>
    private readonly record struct TagFields(Range Value, DateTimeOffset? Timestamp, long? Oca);
}
