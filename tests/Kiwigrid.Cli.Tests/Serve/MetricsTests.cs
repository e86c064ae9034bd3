using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>/metrics</c> against the emulated home, and the exposition writer on awkward input.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_match_the_energy_flow()
    {
        await using var served = await ServedHome.StartAsync();
        await served.WaitForFirstSnapshotAsync();

        using var response = await served.Http.GetAsync("metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        var flow = await served.GetJsonAsync("api/energy-flow");
        // The API's figures are rounded to a tenth; the metrics carry the device's numbers.
        double Metric(string name) => Assert.Single(samples, s => s.Name == name && s.Labels.Count == 0).Value;

        Assert.Equal(1, Metric("kiwigrid_up"));
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), Metric("kiwigrid_pv_power_watts"), 0.05);
        Assert.Equal(flow.GetProperty("housePowerW").GetDouble(), Metric("kiwigrid_house_power_watts"), 0.05);
        Assert.Equal(flow.GetProperty("grid").GetProperty("importPowerW").GetDouble(), Metric("kiwigrid_grid_import_power_watts"), 0.05);
        Assert.Equal(flow.GetProperty("grid").GetProperty("exportPowerW").GetDouble(), Metric("kiwigrid_grid_export_power_watts"), 0.05);
        Assert.Equal(flow.GetProperty("battery").GetProperty("powerW").GetDouble(), Metric("kiwigrid_battery_power_watts"), 0.05);
        Assert.Equal(flow.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble(), Metric("kiwigrid_battery_state_of_charge_percent"), 0.05);
        Assert.Equal(flow.GetProperty("selfSufficiency").GetDouble(), Metric("kiwigrid_self_sufficiency_ratio"), 0.0005);
        Assert.Equal(flow.GetProperty("ev").GetProperty("powerW").GetDouble(), Metric("kiwigrid_ev_power_watts"), 0.05);
        Assert.Equal(served.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, Metric("kiwigrid_last_update_timestamp_seconds"), 3);
        Assert.True(Metric("kiwigrid_pv_energy_watt_hours_total") > 0);

        // Per device: the PV plant's power is the site's production; the battery's counters are there.
        var devices = (await served.GetJsonAsync("api/devices")).EnumerateArray().ToList();
        var plant = devices.First(d => d.GetProperty("kind").GetString() == "PVPlant");
        var plantPower = Assert.Single(samples, s => s.Name == "kiwigrid_device_power_watts"
            && s.Labels["guid"] == plant.GetProperty("guid").GetString() && s.Labels["tag"] == "PowerACOut");
        Assert.Equal(plant.GetProperty("name").GetString(), plantPower.Labels["name"]);
        Assert.Equal("PVPlant", plantPower.Labels["kind"]);
        Assert.Equal(plant.GetProperty("powerW").GetDouble(), plantPower.Value, 0.05);
        var battery = devices.First(d => d.GetProperty("kind").GetString() == "Battery");
        Assert.Contains(samples, s => s.Name == "kiwigrid_device_energy_watt_hours_total" && s.Labels["guid"] == battery.GetProperty("guid").GetString() && s.Labels["tag"] == "WorkACIn");
        Assert.Contains(samples, s => s.Name == "kiwigrid_device_energy_watt_hours" && s.Labels["tag"] == "WorkCapacity");
        Assert.DoesNotContain(samples, s => s.Name == "kiwigrid_device_energy_watt_hours_total" && s.Labels["tag"] == "WorkCapacity");

        // The plant reports PowerLimit = Double.MaxValue, "no limit": no sample, while its real maximum is there. The
        // raw tag stays as the device sent it.
        var plantGuid = plant.GetProperty("guid").GetString()!;
        var plantTags = (await served.GetJsonAsync("api/devices/" + Uri.EscapeDataString(plantGuid))).GetProperty("tags");
        Assert.Equal(double.MaxValue, plantTags.GetProperty("PowerLimit").GetProperty("value").GetDouble());
        Assert.DoesNotContain(samples, s => s.Labels.TryGetValue("tag", out var tag) && tag == "PowerLimit");
        var plantMaximum = Assert.Single(samples, s => s.Name == "kiwigrid_device_power_watts" && s.Labels["guid"] == plantGuid && s.Labels["tag"] == "PowerACOutMax");
        Assert.Equal(plantTags.GetProperty("PowerACOutMax").GetProperty("value").GetDouble(), plantMaximum.Value);
        Assert.True(plantMaximum.Value > 0);
        Assert.All(samples, s => Assert.True(double.IsFinite(s.Value) && Math.Abs(s.Value) < 1e15, $"{s.Name} {s.Value} is a plausible value"));
    }

    [Fact]
    public void A_device_number_too_large_for_a_double_is_no_sample_and_the_others_still_are()
    {
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), new FakeTimeProvider(EmulatedHome.Noon));
        var device = DeviceParser.ParseDeviceList("""
            [{"guid":"g","deviceModel":[{"deviceClass":"com.kiwigrid.devices.inverter.Inverter"}],
              "tagValues":{"PowerACOut":{"value":1e400},"PowerACOutMax":{"value":8000},"WorkACOut":{"value":"12.5"}}}]
            """u8);
        feed.Apply(new DeviceSnapshot(EmulatedHome.Noon, device, [], IsFirst: true, AfterReconnect: false));

        var samples = PrometheusText.Parse(SiteMetrics.Write(feed));

        Assert.DoesNotContain(samples, s => s.Labels.TryGetValue("tag", out var tag) && tag == "PowerACOut");
        Assert.Equal(8000, Assert.Single(samples, s => s.Labels.TryGetValue("tag", out var tag) && tag == "PowerACOutMax").Value);
    }

    [Fact]
    public void Label_values_and_help_are_escaped_and_special_values_spelled_the_prometheus_way()
    {
        var metrics = new PrometheusExposition();
        metrics.Family("kiwigrid_device_power_watts", "gauge", "Power \\ of a device,\nW.",
        [
            new([new("name", "Wechsel\"richter\\1\nOst")], 1.5),
            new([new("name", "Süd")], double.PositiveInfinity),
            new([new("name", "West")], double.NaN),
        ]);
        metrics.Single("kiwigrid_up", "gauge", "Up.", null);
        var text = metrics.ToString();

        Assert.Contains("# HELP kiwigrid_device_power_watts Power \\\\ of a device,\\nW.\n", text, StringComparison.Ordinal);
        Assert.Contains("kiwigrid_device_power_watts{name=\"Wechsel\\\"richter\\\\1\\nOst\"} 1.5\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kiwigrid_up", text, StringComparison.Ordinal);
        var samples = PrometheusText.Parse(text);
        Assert.Equal("Wechsel\"richter\\1\nOst", samples[0].Labels["name"]);
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
        Assert.True(double.IsNaN(samples[2].Value));
        Assert.Throws<InvalidOperationException>(() => metrics.Single("kiwigrid_device_power_watts", "gauge", "again", 1));
    }
}
