using System.Text.Json.Nodes;

namespace Kiwigrid.Client.Devices;

/// <summary>Which tags the device service sends back; keeping replies small matters when polling.</summary>
public sealed class DeviceProjection
{
    private readonly JsonObject _document;

    private DeviceProjection(JsonObject document) => _document = document;

    /// <summary>No tag values at all: <c>{"tagValues":0}</c>.</summary>
    public static DeviceProjection WithoutTags { get; } = new(new JsonObject { ["tagValues"] = 0 });

    /// <summary>Only these tags: <c>{"tagValues":{"PowerIn":1,…}}</c>.</summary>
    public static DeviceProjection OnlyTags(params IEnumerable<string> tagNames)
    {
        ArgumentNullException.ThrowIfNull(tagNames);
        var tags = new JsonObject();
        foreach (var name in tagNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(tagNames));
            tags[name] = 1;
        }

        if (tags.Count == 0)
        {
            throw new ArgumentException("Name at least one tag, or use WithoutTags.", nameof(tagNames));
        }

        return new DeviceProjection(new JsonObject { ["tagValues"] = tags });
    }

    /// <summary>The projection document, a fresh copy each time.</summary>
    public JsonObject ToJson() => (JsonObject)_document.DeepClone();

    /// <summary>The projection document as compact JSON.</summary>
    public override string ToString() => _document.ToJsonString();
}
