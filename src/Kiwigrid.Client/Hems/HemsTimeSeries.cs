using System.Globalization;
using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One series of an analytics answer.</summary>
/// <param name="Name">What it measures, a Kiwigrid tag name such as <c>PowerProduced</c>, <c>WorkIn</c>, <c>StateOfCharge</c>, <c>Autarky</c>, or a finance name such as <c>cost</c>.</param>
/// <param name="DeviceId">The device it belongs to (<c>guid</c>), null when the API names none.</param>
/// <param name="Unit">The API's unit: <c>WATT</c>, <c>WATTHOUR</c>, <c>PERCENT</c>, <c>CENT</c>, <c>CURRENCY</c>.</param>
/// <param name="Aggregated">The API's own total over the period, if sent.</param>
/// <param name="Values">The values by interval start, in time order; null where the API has none.</param>
public sealed record HemsTimeSeries(
    string Name,
    string? DeviceId,
    string? Unit,
    double? Aggregated,
    IReadOnlyList<KeyValuePair<DateTimeOffset, double?>> Values)
{
    internal static HemsTimeSeries Read(JsonElement item)
    {
        var values = new List<KeyValuePair<DateTimeOffset, double?>>();
        if (item.TryGetProperty("values", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject())
            {
                if (!DateTimeOffset.TryParse(entry.Name, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    throw new KiwigridProtocolException("An analytics series of the HEMS API holds a time that is not an ISO 8601 time; the API may have changed.");
                }

                double? value = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
                values.Add(new(at, value));
            }
        }

        values.Sort((a, b) => a.Key.CompareTo(b.Key));
        return new HemsTimeSeries(
            HemsJson.String(item, "name") ?? throw new KiwigridProtocolException("An analytics series of the HEMS API has no name; the API may have changed."),
            HemsJson.String(item, "guid"),
            HemsJson.String(item, "unit"),
            HemsJson.Number(item, "aggregated"),
            values);
    }
}
