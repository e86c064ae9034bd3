using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Serve;

/// <summary>One snapshot of the site as the server serves it: the devices, their energy flow and the home view.</summary>
/// <param name="At">When the watch read the devices, on the server's clock: what freshness is judged by.</param>
/// <param name="MeasuredAt">When the site measured the values (its newest tag timestamp), else <paramref name="At"/>.</param>
/// <param name="Devices">Every device, one per guid.</param>
/// <param name="Flow">The site's energy flow.</param>
/// <param name="View">The home as the CLI shows it: totals and the flows between PV, battery, grid and house.</param>
/// <param name="EvPower">Power drawn by the EV charging stations, W; null when the site has none.</param>
internal sealed record SiteReading(DateTimeOffset At, DateTimeOffset MeasuredAt, IReadOnlyList<Device> Devices, EnergyFlow Flow, HomeView View, double? EvPower)
{
    public static SiteReading From(DeviceSnapshot snapshot)
    {
        var devices = snapshot.Devices.DistinctBy(d => d.Guid, StringComparer.Ordinal).ToList();
        var stations = devices.Where(d => d.Kind == DeviceKind.EVStation).ToList();
        double? ev = stations.Count == 0 ? null : stations.Sum(s => s.GetDouble(TagNames.PowerACIn) ?? 0);
        var site = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        var measured = site?.Tags.Values.Max(t => t.Timestamp) ?? snapshot.At;
        return new SiteReading(snapshot.At, measured, devices, EnergyFlow.From(devices), HomeViewReading.From(devices, measured), ev);
    }

    public Device? Find(string guid) => Devices.FirstOrDefault(d => string.Equals(d.Guid, guid, StringComparison.Ordinal));
}
