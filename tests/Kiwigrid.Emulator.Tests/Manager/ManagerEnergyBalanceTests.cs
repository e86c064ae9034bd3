using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The energy overview is the simulated home's: balanced all day, and the numbers the local Energy Manager shows.</summary>
public sealed class ManagerEnergyBalanceTests
{
    [Fact]
    public async Task Sources_equal_sinks_over_a_simulated_day_and_match_the_location_the_local_energy_manager_shows()
    {
        await using var run = await ManagerRun.StartAsync();
        using var local = EmulatorRun.HttpClient(run.Emulator);
        var sawProduction = false;
        var sawDischarge = false;

        for (var hour = 1; hour <= 23; hour += 2)
        {
            run.AdvanceTo(TimeSpan.FromHours(hour));
            var cookie = await run.LoginAsync();

            var overview = await run.GetJsonAsync("/rest/hems-configurator/energy-overview", cookie);
            var devices = JsonNode.Parse(await local.GetStringAsync("/rest/kiwigrid/wizard/devices"))!["result"]!["items"]!.AsArray();

            double N(string name) => overview[name]!.GetValue<double>();
            var sources = N("production") + N("feedOut") + N("storagePowerOut");
            var sinks = N("householdConsumption") + N("feedIn") + N("storagePowerIn");
            Assert.True(N("householdConsumption") > 0, $"{hour}:00: the house always draws power");
            Assert.True(Math.Abs(sources - sinks) < 0.01, $"{hour}:00: sources {sources} W, sinks {sinks} W");

            JsonNode Device(string classSuffix) => devices.Single(d => d!["deviceModel"]!.AsArray()
                .Any(m => m!["deviceClass"]!.GetValue<string>().EndsWith(classSuffix, StringComparison.Ordinal)))!;
            double Tag(JsonNode device, string tag) => device["tagValues"]![tag]!["value"]!.GetValue<double>();
            var location = Device(".location.Location");
            Assert.Equal(Tag(location, "PowerProduced"), N("production"));
            Assert.Equal(Tag(location, "PowerOut"), N("feedIn"));
            Assert.Equal(Tag(location, "PowerIn"), N("feedOut"));
            Assert.Equal(Tag(location, "PowerConsumed"), N("householdConsumption"));
            Assert.Equal(Tag(location, "PowerBuffered"), N("storagePowerIn"));
            Assert.Equal(Tag(location, "PowerReleased"), N("storagePowerOut"));
            Assert.Equal(Tag(Device(".batteryconverter.BatteryConverter"), "StateOfCharge"), N("batterySoc"), 0.06);
            sawProduction |= N("production") > 0;
            sawDischarge |= N("storagePowerOut") > 0;
        }

        Assert.True(sawProduction && sawDischarge, "a day holds both sunshine and a battery that discharges");
    }
}
