using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Services;

namespace Kiwigrid.Emulator.Query;

/// <summary>
/// The params of <c>deviceservice.getDevices</c> — filter, projection, sorting, offset, limit — checked up front and
/// applied to a site's device documents to produce the reply's <c>{"offset","limit","total","items"}</c>.
/// </summary>
internal sealed class DeviceQuery
{
    /// <summary>The cloud's page size when a client names none.</summary>
    public const int DefaultLimit = 50;

    /// <summary>[design] The largest page served; a larger limit is cut down to it (the reply says so in <c>limit</c>).</summary>
    public const int MaxLimit = 500;

    private readonly Func<JsonNode, bool> _filter;
    private readonly DeviceProjection? _projection;
    private readonly DeviceSorting? _sorting;

    private DeviceQuery(Func<JsonNode, bool> filter, DeviceProjection? projection, DeviceSorting? sorting, int offset, int limit)
    {
        _filter = filter;
        _projection = projection;
        _sorting = sorting;
        Offset = offset;
        Limit = limit;
    }

    public int Offset { get; }

    public int Limit { get; }

    /// <exception cref="InvalidQueryException">When any part of the params is unusable.</exception>
    public static DeviceQuery Parse(JsonObject parameters)
    {
        if (!WellFormedJson.Check(parameters))
        {
            throw new InvalidQueryException("The params hold a string that is not valid Unicode or an object with a repeated key.");
        }

        var offset = Integer(parameters, "offset", 0);
        if (offset < 0)
        {
            throw new InvalidQueryException("The offset must not be negative.");
        }

        var limit = Integer(parameters, "limit", DefaultLimit);
        if (limit < 1)
        {
            throw new InvalidQueryException("The limit must be at least 1.");
        }

        return new DeviceQuery(
            DeviceFilter.Compile(parameters["filter"]),
            DeviceProjection.Compile(parameters["projection"]),
            DeviceSorting.Compile(parameters["sorting"]),
            (int)Math.Min(offset, int.MaxValue),
            (int)Math.Min(limit, MaxLimit));
    }

    public JsonObject Execute(IEnumerable<JsonObject> documents)
    {
        var matching = documents.Where(d => _filter(d)).ToList();
        if (_sorting is not null)
        {
            matching = [.. matching.OrderBy(d => (JsonNode)d, _sorting)];
        }

        var items = new JsonArray();
        foreach (var document in matching.Skip(Offset).Take(Limit))
        {
            items.Add((JsonNode)(_projection is null ? document : _projection.Apply(document)));
        }

        return new JsonObject { ["offset"] = Offset, ["limit"] = Limit, ["total"] = matching.Count, ["items"] = items };
    }

    private static long Integer(JsonObject parameters, string name, long fallback) => parameters[name] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        _ => throw new InvalidQueryException($"The {name} must be an integer."),
    };
}
