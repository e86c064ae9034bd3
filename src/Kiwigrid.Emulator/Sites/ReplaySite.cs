using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Devices;

namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// A site that serves a captured device dump as it is: the devices, their class chains and tag values of the
/// file, never changing on their own. Reads the local Energy Manager's shape (<c>{"result":{"items":[…]}}</c>),
/// a <c>getDevices</c> result (<c>{"items":[…]}</c>) or a bare array, with or without a UTF-8 byte-order mark.
/// Settings tags (see <c>WritableSettings</c>) are writable, so <c>mergeDevice</c> works against a replay too.
/// </summary>
public sealed class ReplaySite : ISite
{
    /// <summary>Loads the dump at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a device dump.</exception>
    public ReplaySite(string path, TimeProvider timeProvider)
        : this(File.ReadAllBytes(path), timeProvider, Path.GetFileName(path))
    {
    }

    /// <summary>Serves the dump in <paramref name="utf8Json"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a device dump.</exception>
    public ReplaySite(ReadOnlySpan<byte> utf8Json, TimeProvider timeProvider)
        : this(utf8Json, timeProvider, "The dump")
    {
    }

    private ReplaySite(ReadOnlySpan<byte> utf8Json, TimeProvider timeProvider, string source)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        foreach (var device in Items(utf8Json, source))
        {
            AddDevice(device, now, source);
        }
    }

    /// <inheritdoc />
    public DeviceStore Devices { get; } = new();

    /// <summary>Does nothing: a replay shows the captured moment.</summary>
    public void Update()
    {
    }

    private static JsonArray Items(ReadOnlySpan<byte> utf8Json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }

        var items = root switch
        {
            JsonArray array => array,
            JsonObject obj when obj["result"] is JsonObject result => result["items"] as JsonArray,
            JsonObject obj => obj["items"] as JsonArray,
            _ => null,
        };
        return items ?? throw new InvalidDataException($"{source} is not a device dump: expected result.items, items or an array of devices.");
    }

    private void AddDevice(JsonNode? node, DateTimeOffset now, string source)
    {
        if (node is not JsonObject device || device["guid"] is not JsonValue guidNode || !guidNode.TryGetValue<string>(out var guid))
        {
            throw new InvalidDataException($"{source} holds a device without a string guid.");
        }

        var classes = new List<string>();
        if (device["deviceModel"] is JsonArray model)
        {
            foreach (var entry in model)
            {
                if (entry?["deviceClass"] is JsonValue deviceClass && deviceClass.TryGetValue<string>(out var name))
                {
                    classes.Add(name);
                }
            }
        }

        try
        {
            Devices.Add(guid, classes);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{source} lists device {guid} twice.", e);
        }

        if (device["tagValues"] is not JsonObject tags)
        {
            return;
        }

        foreach (var (tagName, tag) in tags)
        {
            // A tag document carries its value under "value"; a bare value is accepted too.
            var value = tag is JsonObject document && document.ContainsKey("value") ? document["value"] : tag;
            Devices.Set(guid, tagName, value, now, WritableSettings.TagNames.Contains(tagName));
        }
    }
}
