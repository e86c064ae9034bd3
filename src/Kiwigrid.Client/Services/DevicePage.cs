using System.Text.Json;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Services;

/// <summary>One page of a <c>getDevices</c> result: <c>{"offset","limit","total","items":[…]}</c>.</summary>
/// <param name="Devices">The page's devices, in order.</param>
/// <param name="Total">How many devices the query selects in all, if the service says.</param>
internal sealed record DevicePage(IReadOnlyList<Device> Devices, int? Total)
{
    /// <summary>Reads a page in one pass; a <see cref="EventBus.JsonValueReader{T}"/> for the reply's result.</summary>
    /// <exception cref="KiwigridProtocolException">The result has no <c>items</c> array, or an item is not a device.</exception>
    public static DevicePage Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw NoItems();
        }

        List<Device>? devices = null;
        int? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                devices = reader.TokenType == JsonTokenType.StartArray ? DeviceParser.ReadDevices(ref reader, source.Span) : throw NoItems();
            }
            else if (reader.ValueTextEquals("total"u8))
            {
                reader.Read();
                total = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var t) ? t : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new DevicePage(devices ?? throw NoItems(), total);
    }

    private static KiwigridProtocolException NoItems() => new("deviceservice.getDevices answered without an \"items\" array.");
}
