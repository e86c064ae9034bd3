using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One analytics answer: its series, their resolution and time zone, and the devices they name.</summary>
/// <param name="Series">The series, in the API's order.</param>
/// <param name="Resolution">The ISO 8601 interval of one value, e.g. <c>PT5M</c>, <c>PT1H</c>, <c>P1D</c>, <c>P1M</c>.</param>
/// <param name="TimeZone">The site's time zone, e.g. <c>Europe/Berlin</c>.</param>
/// <param name="Devices">The devices the answer names.</param>
public sealed record HemsAnalytics(
    IReadOnlyList<HemsTimeSeries> Series,
    string? Resolution,
    string? TimeZone,
    IReadOnlyList<HemsDevice> Devices)
{
    /// <summary>The series named <paramref name="name"/>, optionally of one device; null without one.</summary>
    public HemsTimeSeries? Find(string name, string? deviceId = null) =>
        Series.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal) && (deviceId is null || s.DeviceId == deviceId));

    internal static HemsAnalytics Read(JsonElement root) => new(
        HemsJson.Objects(root, "timeseries", HemsTimeSeries.Read),
        HemsJson.String(root, "resolution"),
        HemsJson.String(root, "time_zone"),
        HemsJson.Objects(root, "devices", HemsDevice.Read));
}
