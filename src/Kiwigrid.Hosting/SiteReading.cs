using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Hosting;

/// <summary>One snapshot of the site as the server serves it: the devices, their energy flow and the home view.</summary>
/// <param name="At">When the watch read the devices, on the server's clock: what freshness is judged by.</param>
/// <param name="SiteTimestamp">
/// The Energy Manager's own time of the values (the site's newest tag timestamp), null when its tags carry none. On
/// the Energy Manager's clock, so only shown, never compared with the server's.
/// </param>
/// <param name="Devices">Every device, one per guid.</param>
/// <param name="Flow">The site's energy flow.</param>
/// <param name="View">The home as the CLI shows it: totals and the flows between PV, battery, grid and house.</param>
internal sealed record SiteReading(DateTimeOffset At, DateTimeOffset? SiteTimestamp, IReadOnlyList<Device> Devices, EnergyFlow Flow, HomeView View)
{
    /// <summary>Power drawn by the EV charging stations, W; null when the site has none.</summary>
    public double? EvPower => View.EvPower;

    /// <summary>When the values were measured: the site's own timestamp, else when they were read.</summary>
    public DateTimeOffset MeasuredAt => SiteTimestamp ?? At;

    public static SiteReading From(DeviceSnapshot snapshot)
    {
        var devices = snapshot.Devices.DistinctBy(d => d.Guid, StringComparer.Ordinal).ToList();
        var site = devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        var stamped = site?.Tags.Values.Max(t => t.Timestamp);
        return new SiteReading(snapshot.At, stamped, devices, EnergyFlow.From(devices), HomeViewReading.From(devices, stamped ?? snapshot.At));
    }

    public Device? Find(string guid) => Devices.FirstOrDefault(d => string.Equals(d.Guid, guid, StringComparison.Ordinal));
}
