using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Devices;

/// <summary>
/// The devices of one emulated site, safe for concurrent readers (the bus, the local endpoint) and one writer
/// (the simulation). Every change of a value bumps its <c>oca</c> and timestamp, as the cloud does.
/// </summary>
public sealed class DeviceStore
{
    private readonly Lock _gate = new();
    private readonly List<EmulatedDevice> _devices = [];

    /// <summary>Adds a device; its guid must be new.</summary>
    public EmulatedDevice Add(string guid, IReadOnlyList<string> deviceClasses)
    {
        lock (_gate)
        {
            if (_devices.Exists(d => d.Guid == guid))
            {
                throw new InvalidOperationException($"Device {guid} exists already.");
            }

            var device = new EmulatedDevice(guid, deviceClasses);
            _devices.Add(device);
            return device;
        }
    }

    /// <summary>Removes a device; false if there was none with that guid.</summary>
    public bool Remove(string guid)
    {
        lock (_gate)
        {
            return _devices.RemoveAll(d => d.Guid == guid) > 0;
        }
    }

    /// <summary>
    /// Sets a tag's value at <paramref name="now"/>. An equal value keeps its version and timestamp;
    /// a new tag starts at <c>oca</c> 1.
    /// </summary>
    public void Set(string guid, string tagName, JsonNode? value, DateTimeOffset now, bool writable = false)
    {
        lock (_gate)
        {
            var device = Find(guid) ?? throw new KeyNotFoundException($"No device {guid}.");
            SetLocked(device, tagName, value, now, writable);
        }
    }

    /// <summary>
    /// Sets many tag values under one lock, so a reader never sees half of an update (a Location's energy balance
    /// holds in every read). Same rules per tag as <see cref="Set"/>; new tags are read-only.
    /// </summary>
    public void SetMany(IEnumerable<(string Guid, string TagName, JsonNode? Value)> values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_gate)
        {
            foreach (var (guid, tagName, value) in values)
            {
                var device = Find(guid) ?? throw new KeyNotFoundException($"No device {guid}.");
                SetLocked(device, tagName, value, now, writable: false);
            }
        }
    }

    /// <summary>The current value of a tag, or null when the device or tag is missing.</summary>
    public JsonNode? GetValue(string guid, string tagName)
    {
        lock (_gate)
        {
            return Find(guid)?.Tags.GetValueOrDefault(tagName)?.Value?.DeepClone();
        }
    }

    /// <summary>The current tag, or null when the device or tag is missing.</summary>
    public EmulatedTag? GetTag(string guid, string tagName)
    {
        lock (_gate)
        {
            return Find(guid)?.Tags.GetValueOrDefault(tagName);
        }
    }

    /// <summary>The guids of all devices, in insertion order.</summary>
    public IReadOnlyList<string> Guids()
    {
        lock (_gate)
        {
            return _devices.ConvertAll(d => d.Guid);
        }
    }

    /// <summary>
    /// Every device as a JSON document, in insertion order. The cloud shape carries <c>timestamp</c> and
    /// <c>oca</c> on each tag value; the local shape (the LAN Energy Manager's) does not.
    /// </summary>
    public List<JsonObject> ToDocuments(bool cloudShape)
    {
        lock (_gate)
        {
            return _devices.ConvertAll(d => ToDocument(d, cloudShape));
        }
    }

    /// <summary>
    /// Applies a <c>mergeDevice</c> request: each requested tag must exist, be writable and carry the current
    /// <c>oca</c> (when it carries one); otherwise it lands in <see cref="MergeOutcome.Failed"/>.
    /// </summary>
    /// <returns>null when there is no device with that guid.</returns>
    public MergeOutcome? Merge(string guid, JsonObject requestedTagValues, DateTimeOffset now)
    {
        lock (_gate)
        {
            var device = Find(guid);
            if (device is null)
            {
                return null;
            }

            var accepted = new JsonObject();
            var failed = new JsonObject();
            foreach (var (tagName, request) in requestedTagValues)
            {
                var reason = Validate(device, tagName, request);
                if (reason is not null)
                {
                    var rejected = request?.DeepClone() as JsonObject ?? new JsonObject();
                    rejected["reason"] = reason;
                    failed[tagName] = rejected;
                    continue;
                }

                var newValue = request!["value"]?.DeepClone();
                var tag = device.Tags[tagName];
                device.Tags[tagName] = tag with { Value = newValue, TimestampMs = now.ToUnixTimeMilliseconds(), Oca = tag.Oca + 1 };
                accepted[tagName] = TagDocument(device.Guid, tagName, device.Tags[tagName], cloudShape: true);
            }

            return new MergeOutcome(accepted, failed);
        }
    }

    private static string? Validate(EmulatedDevice device, string tagName, JsonNode? request)
    {
        if (!device.Tags.TryGetValue(tagName, out var tag))
        {
            return "unknown tag";
        }

        if (!tag.Writable)
        {
            return "read-only tag";
        }

        if (request is not JsonObject body || !body.ContainsKey("value"))
        {
            return "missing value";
        }

        if (body["oca"] is JsonValue ocaNode && ocaNode.TryGetValue<long>(out var oca) && oca != tag.Oca)
        {
            return $"stale oca {oca}, current is {tag.Oca}";
        }

        return null;
    }

    private static void SetLocked(EmulatedDevice device, string tagName, JsonNode? value, DateTimeOffset now, bool writable)
    {
        if (device.Tags.TryGetValue(tagName, out var existing))
        {
            if (JsonNode.DeepEquals(existing.Value, value))
            {
                return;
            }

            device.Tags[tagName] = existing with { Value = value?.DeepClone(), TimestampMs = now.ToUnixTimeMilliseconds(), Oca = existing.Oca + 1 };
            return;
        }

        device.Tags[tagName] = new EmulatedTag(value?.DeepClone(), now.ToUnixTimeMilliseconds(), 1, writable);
    }

    private EmulatedDevice? Find(string guid) => _devices.Find(d => d.Guid == guid);

    private static JsonObject ToDocument(EmulatedDevice device, bool cloudShape)
    {
        var model = new JsonArray();
        foreach (var deviceClass in device.DeviceClasses)
        {
            model.Add((JsonNode)new JsonObject { ["deviceClass"] = deviceClass });
        }

        var tagValues = new JsonObject();
        foreach (var (name, tag) in device.Tags)
        {
            tagValues[name] = TagDocument(device.Guid, name, tag, cloudShape);
        }

        return new JsonObject { ["guid"] = device.Guid, ["deviceModel"] = model, ["tagValues"] = tagValues };
    }

    private static JsonObject TagDocument(string guid, string name, EmulatedTag tag, bool cloudShape)
    {
        var document = new JsonObject { ["tagName"] = name, ["guid"] = guid, ["value"] = tag.Value?.DeepClone() };
        if (cloudShape)
        {
            document["timestamp"] = tag.TimestampMs;
            document["oca"] = tag.Oca;
        }

        return document;
    }
}
