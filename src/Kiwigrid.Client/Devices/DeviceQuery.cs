using System.Text.Json.Nodes;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// Which devices to fetch and how: filter, projection, sorting and a window (<see cref="Offset"/>,
/// <see cref="Limit"/>). Immutable; derive variants with <c>with</c>. The client pages through the result itself.
/// </summary>
public sealed record DeviceQuery
{
    /// <summary>Every device with every tag.</summary>
    public static DeviceQuery All { get; } = new();

    /// <summary>Which devices; null for all.</summary>
    public DeviceFilter? Filter { get; init; }

    /// <summary>Which tags; null for all.</summary>
    public DeviceProjection? Projection { get; init; }

    /// <summary>Sort keys, most significant first; empty for the server's order.</summary>
    public IReadOnlyList<DeviceSortKey> Sorting { get; init; } = [];

    /// <summary>How many matching devices to skip.</summary>
    public int Offset
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    }

    /// <summary>The most devices to return; null for all of them.</summary>
    public int? Limit
    {
        get;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>The device with this guid.</summary>
    public static DeviceQuery ForGuid(string guid) => new() { Filter = DeviceFilter.Guid(guid) };

    /// <summary>Devices whose class chain contains <paramref name="deviceClass"/>.</summary>
    public static DeviceQuery ForClass(string deviceClass) => new() { Filter = DeviceFilter.DeviceClass(deviceClass) };

    /// <summary>The <c>params</c> of one <c>getDevices</c> page.</summary>
    internal JsonObject ToParams(int offset, int limit)
    {
        var parameters = new JsonObject();
        if (Filter is not null)
        {
            parameters["filter"] = Filter.ToJson();
        }

        if (Projection is not null)
        {
            parameters["projection"] = Projection.ToJson();
        }

        if (Sorting.Count > 0)
        {
            var sorting = new JsonObject();
            foreach (var key in Sorting)
            {
                sorting[key.Path] = key.Descending ? -1 : 1;
            }

            parameters["sorting"] = sorting;
        }

        parameters["offset"] = offset;
        parameters["limit"] = limit;
        return parameters;
    }
}
