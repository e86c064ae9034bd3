using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting;

/// <summary>
/// <c>GET /metrics</c>: the site's totals, every device's powers and energy counters, and whether the watch is live,
/// named the Prometheus way (base units in the name, <c>_total</c> on counters). Sentinels (see
/// <see cref="DeviceNumber"/>) are left out: a series has no sample rather than a meaningless one.
/// </summary>
internal static class SiteMetrics
{
    private const string Gauge = "gauge";
    private const string Counter = "counter";

    /// <summary>Work* tags that hold an amount, not a running total, so they are gauges rather than counters.</summary>
    private static readonly HashSet<string> StoredEnergyTags = new(StringComparer.Ordinal)
    {
        TagNames.WorkCapacity, TagNames.WorkCharge, "WorkAnnualYield",
    };

    public static string Write(SiteFeed feed)
    {
        var metrics = new PrometheusExposition();

        // A sentinel (a PV plant's unbounded PowerLimit is 1.797e308) is no value: graphed, it flattens everything else.
        void Single(string name, string type, string help, double? value) => metrics.Single(name, type, help, DeviceNumber.Quantity(value));
        void Family(string name, string type, string help, IEnumerable<MetricSample> samples) =>
            metrics.Family(name, type, help, [.. samples.Where(s => DeviceNumber.IsQuantity(s.Value))]);

        var reading = feed.Latest;
        Single("kiwigrid_up", Gauge, "1 while the watch reads the site, 0 while its connection is lost or before the first read.", feed.Status.State == WatchState.Live ? 1 : 0);
        Single("kiwigrid_last_update_timestamp_seconds", Gauge, "When the site was last read, seconds since the Unix epoch.", reading?.At.ToUnixTimeMilliseconds() / 1000.0);
        if (reading is null)
        {
            return metrics.ToString();
        }

        var view = reading.View;
        var flow = reading.Flow;
        Single("kiwigrid_pv_power_watts", Gauge, "PV production, W.", view.PvPower);
        Single("kiwigrid_house_power_watts", Gauge, "House consumption, W.", view.HousePower);
        Single("kiwigrid_grid_import_power_watts", Gauge, "Power drawn from the grid, W.", flow.GridImport?.Value);
        Single("kiwigrid_grid_export_power_watts", Gauge, "Power fed into the grid, W.", flow.GridExport?.Value);
        Single("kiwigrid_battery_power_watts", Gauge, "Battery power, W: positive while discharging, negative while charging.", view.BatteryPower);
        Single("kiwigrid_battery_state_of_charge_percent", Gauge, "State of charge over all batteries, %.", view.BatteryStateOfCharge);
        Single("kiwigrid_ev_power_watts", Gauge, "Power drawn by the EV charging stations, W.", reading.EvPower);
        Single("kiwigrid_self_sufficiency_ratio", Gauge, "Share of the house's consumption covered by PV and battery, 0 to 1.", view.SelfSufficiency);

        var site = reading.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        Single("kiwigrid_pv_energy_watt_hours_total", Counter, "PV energy produced since installation, Wh.", site?.GetDouble(TagNames.WorkProduced));
        Single("kiwigrid_house_energy_watt_hours_total", Counter, "Energy consumed by the house since installation, Wh.", site?.GetDouble(TagNames.WorkConsumed));
        Single("kiwigrid_grid_import_energy_watt_hours_total", Counter, "Energy drawn from the grid since installation, Wh.", site?.GetDouble(TagNames.WorkIn));
        Single("kiwigrid_grid_export_energy_watt_hours_total", Counter, "Energy fed into the grid since installation, Wh.", site?.GetDouble(TagNames.WorkOut));
        Single("kiwigrid_battery_charge_energy_watt_hours_total", Counter, "Energy stored in the batteries since installation, Wh.", site?.GetDouble(TagNames.WorkBuffered));
        Single("kiwigrid_battery_discharge_energy_watt_hours_total", Counter, "Energy released by the batteries since installation, Wh.", site?.GetDouble(TagNames.WorkReleased));

        var devices = reading.Devices;
        Family("kiwigrid_device_power_watts", Gauge, "A device's Power* tag, W; the tag label names it.", TagSamples(devices, t => t.StartsWith("Power", StringComparison.Ordinal)));
        Family("kiwigrid_device_energy_watt_hours_total", Counter, "A device's cumulative Work* tag, Wh; the tag label names it.", TagSamples(devices, t => t.StartsWith("Work", StringComparison.Ordinal) && !StoredEnergyTags.Contains(t)));
        Family("kiwigrid_device_energy_watt_hours", Gauge, "A device's stored or expected energy (WorkCapacity, WorkCharge, WorkAnnualYield), Wh.", TagSamples(devices, StoredEnergyTags.Contains));
        Family("kiwigrid_device_state_of_charge_percent", Gauge, "A battery's state of charge, %.", [.. devices
            .Where(d => d.Kind == DeviceKind.Battery && d.GetDouble(TagNames.StateOfCharge) is not null)
            .Select(d => new MetricSample(DeviceLabels(d), d.GetDouble(TagNames.StateOfCharge)!.Value))]);
        Family("kiwigrid_device_ok", Gauge, "1 when a device reports StateDevice OK, 0 when it reports an error.", [.. devices
            .Where(d => d.GetString(TagNames.StateDevice) is not null)
            .Select(d => new MetricSample(DeviceLabels(d), d.GetString(TagNames.StateDevice) == "OK" ? 1 : 0))]);
        return metrics.ToString();
    }

    private static List<MetricSample> TagSamples(IReadOnlyList<Device> devices, Func<string, bool> selects)
    {
        var samples = new List<MetricSample>();
        foreach (var device in devices)
        {
            foreach (var tag in device.Tags.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                // A number too large for a double is no sample.
                if (selects(tag.Name) && tag.Kind == System.Text.Json.JsonValueKind.Number && tag.AsDouble() is { } number)
                {
                    samples.Add(new MetricSample([.. DeviceLabels(device), new("tag", tag.Name)], number));
                }
            }
        }

        return samples;
    }

    private static KeyValuePair<string, string>[] DeviceLabels(Device device) =>
    [
        new("guid", device.Guid),
        new("name", device.Name ?? string.Empty),
        new("kind", DeviceText.Kind(device)),
    ];
}
