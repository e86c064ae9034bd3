using System.Text.Json.Nodes;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// A condition on device documents, sent to the device service as a Mongo-like document over dotted paths
/// (<c>deviceModel.deviceClass</c>, <c>guid</c>, <c>tagValues.IdName.value</c>, …). Immutable; combine with
/// <see cref="And"/> and <see cref="Or"/>.
/// </summary>
public sealed class DeviceFilter
{
    private readonly JsonObject _document;

    private DeviceFilter(JsonObject document) => _document = document;

    /// <summary>Devices whose class chain contains <paramref name="deviceClass"/>.</summary>
    public static DeviceFilter DeviceClass(string deviceClass) => Equal("deviceModel.deviceClass", deviceClass);

    /// <summary>The device with this guid.</summary>
    public static DeviceFilter Guid(string guid) => Equal("guid", guid);

    /// <summary>Devices whose display name matches a pattern, <c>*</c> as wildcard (e.g. <c>Batt*</c>).</summary>
    public static DeviceFilter NameLike(string pattern) => Like("tagValues.IdName.value", pattern);

    /// <summary><paramref name="path"/> equals <paramref name="value"/>: <c>{"path":value}</c>.</summary>
    public static DeviceFilter Equal(string path, JsonNode? value) => new(new JsonObject { [CheckPath(path)] = value?.DeepClone() });

    /// <summary><paramref name="path"/> differs from <paramref name="value"/>: <c>{"path":{"$ne":value}}</c>.</summary>
    public static DeviceFilter NotEqual(string path, JsonNode? value) => Operator(path, "$ne", value?.DeepClone());

    /// <summary><paramref name="path"/> matches a wildcard pattern: <c>{"path":{"$like":"Batt*"}}</c>.</summary>
    public static DeviceFilter Like(string path, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Operator(path, "$like", pattern);
    }

    /// <summary><paramref name="path"/> is one of <paramref name="values"/>: <c>{"path":{"$in":[…]}}</c>.</summary>
    public static DeviceFilter In(string path, params IEnumerable<JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Operator(path, "$in", new JsonArray([.. values.Select(v => v?.DeepClone())]));
    }

    /// <summary><paramref name="path"/> is present (or absent): <c>{"path":{"$exists":true}}</c>.</summary>
    public static DeviceFilter Exists(string path, bool exists = true) => Operator(path, "$exists", exists);

    /// <summary><paramref name="path"/> &gt; <paramref name="value"/>.</summary>
    public static DeviceFilter GreaterThan(string path, double value) => Operator(path, "$gt", value);

    /// <summary><paramref name="path"/> ≥ <paramref name="value"/>.</summary>
    public static DeviceFilter GreaterThanOrEqual(string path, double value) => Operator(path, "$gte", value);

    /// <summary><paramref name="path"/> &lt; <paramref name="value"/>.</summary>
    public static DeviceFilter LessThan(string path, double value) => Operator(path, "$lt", value);

    /// <summary><paramref name="path"/> ≤ <paramref name="value"/>.</summary>
    public static DeviceFilter LessThanOrEqual(string path, double value) => Operator(path, "$lte", value);

    /// <summary>All of <paramref name="filters"/> hold: <c>{"$and":[…]}</c>.</summary>
    public static DeviceFilter And(params IEnumerable<DeviceFilter> filters) => Combine("$and", filters);

    /// <summary>Any of <paramref name="filters"/> holds: <c>{"$or":[…]}</c>.</summary>
    public static DeviceFilter Or(params IEnumerable<DeviceFilter> filters) => Combine("$or", filters);

    /// <summary>The filter document, a fresh copy each time.</summary>
    public JsonObject ToJson() => (JsonObject)_document.DeepClone();

    /// <summary>The filter document as compact JSON.</summary>
    public override string ToString() => _document.ToJsonString();

    private static DeviceFilter Operator(string path, string op, JsonNode? operand) =>
        new(new JsonObject { [CheckPath(path)] = new JsonObject { [op] = operand } });

    private static DeviceFilter Combine(string op, IEnumerable<DeviceFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var parts = filters.ToList();
        if (parts.Count == 0)
        {
            throw new ArgumentException($"{op} needs at least one filter.", nameof(filters));
        }

        return new DeviceFilter(new JsonObject { [op] = new JsonArray([.. parts.Select(f => (JsonNode)f.ToJson())]) });
    }

    private static string CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.StartsWith('$'))
        {
            throw new ArgumentException($"\"{path}\" is an operator, not a document path.", nameof(path));
        }

        return path;
    }
}
