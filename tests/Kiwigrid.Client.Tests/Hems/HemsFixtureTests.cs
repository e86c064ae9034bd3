using System.Text.Json;
using Kiwigrid.Client.Hems;
using Kiwigrid.Testing;

namespace Kiwigrid.Client.Tests.Hems;

/// <summary>Every hems/ fixture read into the typed answers, values as in the files.</summary>
public sealed class HemsFixtureTests
{
    internal static T Object<T>(string file, Func<JsonElement, T> read) =>
        HemsJson.Parse(File.ReadAllBytes(RepoPaths.Fixture("hems", file)), file, JsonValueKind.Object, read);

    internal static IReadOnlyList<T> List<T>(string file, Func<JsonElement, T> read) =>
        HemsJson.Parse(File.ReadAllBytes(RepoPaths.Fixture("hems", file)), file, JsonValueKind.Array, a => HemsJson.List(a, read));

    [Fact]
    public void Energy_flow_reads_every_section_and_device()
    {
        var flow = Object("energy-flow.json", HemsEnergyFlow.Read);

        Assert.Equal(499, flow.Consumption.In);
        Assert.Equal(0, flow.DirectConsumption);
        Assert.Equal((0d, 0d, 0d), (flow.Grid.In!.Value, flow.Grid.Out!.Value, flow.Grid.Balance!.Value));
        Assert.Equal(0, flow.Pv.Out);
        Assert.Equal("95c5e9fb-e3d1-42b7-9a03-fd024ca58b9e", Assert.Single(flow.Pv.Devices).Id);
        Assert.Equal((0d, 499d, -499d), (flow.Battery.In!.Value, flow.Battery.Out!.Value, flow.Battery.Balance!.Value));
        Assert.Equal(2, flow.BatteryOutToGrid);
        Assert.Equal(0, flow.BatteryInFromGrid);
        Assert.Equal(0.34444444444444444, flow.BatteryStateOfCharge);
        var battery = Assert.Single(flow.Battery.Devices);
        Assert.Equal(("9c319824-bda6-4bbd-ac20-764dc1cfa34c", 490d, -490d), (battery.Id, battery.Out!.Value, battery.Balance!.Value));
        Assert.False(flow.EvBidirectional);
        Assert.Equal("8695a754-d66c-430c-9fa6-374bac0965b3", Assert.Single(flow.Ev.Devices).Id);
        Assert.Equal("e34b5f52-bf2a-43b5-a2fb-caf2ed624624", Assert.Single(flow.Consumption.Devices).Id);
    }

    [Fact]
    public void Energy_flow_without_device_lists_reads_the_sums()
    {
        var flow = Object("energy-flow-battery-to-grid.json", HemsEnergyFlow.Read);

        Assert.Equal(949, flow.Consumption.In);
        Assert.Equal(6, flow.BatteryOutToGrid);
        Assert.Empty(flow.Battery.Devices);
        Assert.Null(flow.EvBidirectional);
    }

    [Fact]
    public void Batteries_read_identity_charge_and_backup()
    {
        var battery = Assert.Single(List("battery.json", HemsBattery.Read));
        Assert.Equal(
            new HemsDevice("9c319824-bda6-4bbd-ac20-764dc1cfa34c", "SOLARWATT Battery vision three", "BATTERY", "SOLARWATT", "Battery vision three", "BAT-123", "1.2.3", "OK", null, true),
            battery.Device);
        Assert.Equal((0.82, 5120d, false), (battery.StateOfCharge!.Value, battery.WorkCapacity!.Value, battery.BackupActive!.Value));

        var backup = Assert.Single(List("battery-backup.json", HemsBattery.Read));
        Assert.Equal((0.92, 0.15, true, "DISCHARGING"), (backup.StateOfCharge!.Value, backup.BackupStateOfCharge!.Value, backup.BackupAvailable!.Value, backup.Device.Mode));
        Assert.Null(backup.Device.Name);
    }

    [Fact]
    public void Devices_plants_stations_plugs_and_heaters_read_their_fields()
    {
        var devices = List("device.json", HemsDevice.Read);
        Assert.Equal(["BATTERY", "SMART_HEATER"], devices.Select(d => d.Type));
        Assert.Equal("AUTO", devices[0].Mode);

        var plant = Assert.Single(List("pv-plant.json", HemsPvPlant.Read));
        Assert.Equal(("SMA Sunny Tripower 20000TL", "INVERTER", "1901399614", 20000d), (plant.Device.Name, plant.Device.Type, plant.Device.SerialNumber, plant.PowerInstalledPeak!.Value));

        var station = Assert.Single(List("evstation.json", HemsDevice.Read));
        Assert.Equal(("Keba P30 PV-Edition", "EV_STATION", "OK"), (station.Name, station.Type, station.State));

        var plug = Assert.Single(List("plug.json", HemsDevice.Read));
        Assert.Equal(("myStrom AG", "107", "4.0.14"), (plug.Manufacturer, plug.ModelCode, plug.Firmware));

        var heater = Assert.Single(List("smart-heater.json", HemsSmartHeater.Read));
        Assert.Equal(("Heizstab (AC ELWA)", 66.6, 3500d, "160150"), (heater.Device.Name, heater.Temperature!.Value, heater.PowerACInMax!.Value, heater.Device.ModelCode));
    }

    [Fact]
    public void Optimization_consumers_and_profile_read_their_fields()
    {
        var optimization = Assert.Single(List("device-optimization.json", HemsDeviceOptimization.Read));
        Assert.Equal(["NOT_OPTIMIZED", "PV_EXCESS", "DEPARTURE_TIME"], optimization.SupportedModes);
        Assert.Equal(("NOT_OPTIMIZED", true, "OFF"), (optimization.Mode, optimization.SupportsSwitching!.Value, optimization.SwitchState));

        var consumers = List("home-consumption-consumers.json", HemsConsumer.Read);
        Assert.Equal([1.68, 0.0, 0.0], consumers.Select(c => c.Consumption!.Value));
        Assert.Equal("myStrom (Waschmaschine)", consumers[0].Name);

        Assert.Equal("EUR", Object("user-profile.json", HemsUserProfile.Read).Currency);
    }

    [Theory]
    [InlineData("production-day.json", "PowerProduced", "WATT", 60237, "PT5M", 2)]
    [InlineData("production-month.json", "WorkProduced", "WATTHOUR", 203998, "P1D", 1)]
    [InlineData("production-year.json", "WorkProduced", "WATTHOUR", 11338531, "P1M", 1)]
    [InlineData("consumption-day.json", "PowerConsumed", "WATT", 12036, "PT5M", 3)]
    [InlineData("consumption-work-day.json", "WorkConsumed", "WATTHOUR", 37510, "PT1H", 1)]
    [InlineData("consumption-month.json", "WorkConsumed", "WATTHOUR", 83058, "P1D", 1)]
    [InlineData("consumption-year.json", "WorkConsumed", "WATTHOUR", 4477421, "P1M", 1)]
    [InlineData("storage-day.json", "PowerACIn", "WATT", 5959, "PT5M", 3)]
    [InlineData("storage-month.json", "WorkACIn", "WATTHOUR", 64691, "P1D", 1)]
    [InlineData("storage-year.json", "WorkACIn", "WATTHOUR", 1072447, "P1M", 1)]
    [InlineData("independence-day.json", "Autarky", "PERCENT", 100, "PT1H", 2)]
    [InlineData("independence-month.json", "Autarky", "PERCENT", 98, "P1D", 1)]
    [InlineData("independence-year.json", "Autarky", "PERCENT", 68, "P1M", 1)]
    [InlineData("finance-day.json", "Revenue", "CENT", 1234, "PT1H", 2)]
    [InlineData("finance-month.json", "cost", "CURRENCY", 0.44, "P1D", 1)]
    [InlineData("finance-year.json", "cost", "CURRENCY", 11.23, "P1M", 1)]
    public void Analytics_read_the_first_series_as_in_the_file(string file, string name, string unit, double aggregated, string resolution, int values)
    {
        var analytics = Object(Path.Combine("analytics", file), HemsAnalytics.Read);

        var first = analytics.Series[0];
        Assert.Equal((name, unit, aggregated, resolution, "Europe/Berlin"), (first.Name, first.Unit, first.Aggregated!.Value, analytics.Resolution, analytics.TimeZone));
        Assert.Equal(values, first.Values.Count);
    }

    [Fact]
    public void Analytics_keep_null_values_and_times_with_their_offset()
    {
        var storage = Object(Path.Combine("analytics", "storage-day.json"), HemsAnalytics.Read);

        var soc = storage.Find("StateOfCharge", "9c319824-bda6-4bbd-ac20-764dc1cfa34c")!;
        Assert.Null(soc.Aggregated);
        Assert.Equal(new DateTimeOffset(2026, 7, 3, 23, 50, 0, TimeSpan.FromHours(2)), soc.Values[0].Key);
        Assert.Equal(39, soc.Values[0].Value);
        Assert.Null(storage.Find("PowerACIn")!.Values[^1].Value);
        Assert.Equal("9c319824-bda6-4bbd-ac20-764dc1cfa34c", Assert.Single(storage.Devices).Id);

        var finance = Object(Path.Combine("analytics", "finance-day.json"), HemsAnalytics.Read);
        Assert.Null(finance.Series[0].DeviceId);
    }

    [Fact]
    public void A_list_where_an_object_belongs_is_a_protocol_error()
    {
        var error = Assert.Throws<KiwigridProtocolException>(() => Object("battery.json", HemsEnergyFlow.Read));

        Assert.Contains("battery.json", error.Message, StringComparison.Ordinal);
    }
}
