using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Sites;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Sites;

public class SimulatedSiteBehaviourTests
{
    private static readonly DateTimeOffset JuneEvening = new(2025, 6, 21, 18, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void Same_seed_and_start_give_identical_documents_and_another_seed_does_not()
    {
        var options = SiteClock.At(SimulatedSiteEnergyTests.Midnight(3, 21), seed: 2);
        var a = new SiteClock(options);
        var b = new SiteClock(options);
        var other = new SiteClock(options with { Seed = 3 });
        for (var i = 0; i < 12 * 60; i++)
        {
            a.Advance(options.StepLength);
            b.Advance(options.StepLength);
            other.Advance(options.StepLength);
        }

        Assert.Equal(Documents(a, cloudShape: true), Documents(b, cloudShape: true));
        Assert.NotEqual(Documents(a, cloudShape: false), Documents(other, cloudShape: false));
    }

    [Fact]
    public void Values_do_not_depend_on_how_often_the_site_is_updated()
    {
        var options = SiteClock.At(SimulatedSiteEnergyTests.Midnight(12, 21), seed: 1);
        var often = new SiteClock(options);
        var once = new SiteClock(options);
        for (var i = 0; i < 24 * 60; i++)
        {
            often.Advance(options.StepLength);
        }

        once.Advance(TimeSpan.FromDays(1));

        Assert.Equal(Documents(often, cloudShape: false), Documents(once, cloudShape: false));
    }

    [Fact]
    public void The_site_clock_runs_at_the_speed_factor_and_only_whole_steps_change_values()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = SiteClock.At(JuneEvening) with { SpeedFactor = 60, StepLength = TimeSpan.FromSeconds(30) };
        var site = new SimulatedSite(options, clock);
        Assert.Equal(JuneEvening, site.SimulatedNow);

        clock.Advance(TimeSpan.FromSeconds(0.4)); // 24 simulated seconds: less than a step
        site.Update();
        Assert.Equal(JuneEvening, site.SimulatedNow);

        clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(0.4));
        site.Update();
        Assert.Equal(JuneEvening.AddHours(1), site.SimulatedNow);
        Assert.Equal(JuneEvening.AddHours(1).ToUnixTimeMilliseconds(), site.Devices.GetTag(site.LocationGuid, "PowerConsumed")!.TimestampMs);
    }

    [Fact]
    public void Raising_the_minimum_state_of_charge_stops_the_battery_discharging_below_it()
    {
        var options = SiteClock.At(JuneEvening.AddHours(3)) with { InitialStateOfCharge = 80, WithEvStation = false };
        var free = new SiteClock(options);
        var limited = new SiteClock(options);
        var battery = limited.Site.BatteryGuid;
        var oca = limited.Site.Devices.GetTag(battery, "StateOfChargeMinimum")!.Oca;

        var outcome = limited.Site.Devices.Merge(battery, Request("StateOfChargeMinimum", 60, oca), limited.Site.SimulatedNow)!;
        Assert.True(outcome.Accepted.ContainsKey("StateOfChargeMinimum"));

        var lowestLimited = 100.0;
        var lowestFree = 100.0;
        for (var i = 0; i < 10 * 60; i++)
        {
            free.Advance(options.StepLength);
            limited.Advance(options.StepLength);
            lowestLimited = Math.Min(lowestLimited, limited.Number(battery, "StateOfCharge"));
            lowestFree = Math.Min(lowestFree, free.Number(free.Site.BatteryGuid, "StateOfCharge"));
        }

        Assert.InRange(lowestLimited, 60, 61);
        Assert.True(lowestFree < 55, $"without the limit the night drains the battery further, to {lowestFree} %");
        var withheld = (60 - lowestFree) / 100 * options.BatteryCapacity;
        var extraFromGrid = limited.Location("WorkConsumedFromGrid") - free.Location("WorkConsumedFromGrid");
        Assert.True(extraFromGrid > 0.9 * withheld, $"the grid covers what the battery may not: {extraFromGrid} Wh for {withheld} Wh withheld");
        Assert.Equal(60, limited.Number(battery, "StateOfChargeMinimum"));
    }

    [Fact]
    public void An_invalid_minimum_state_of_charge_is_put_back_to_the_value_in_force()
    {
        var run = new SiteClock(SiteClock.At(JuneEvening));
        var battery = run.Site.BatteryGuid;
        run.Site.Devices.Merge(battery, Request("StateOfChargeMinimum", 150, null), run.Site.SimulatedNow);

        run.Advance(TimeSpan.FromHours(1));

        Assert.Equal(run.Options.MinimumStateOfCharge, run.Number(battery, "StateOfChargeMinimum"));
        Assert.Equal(3, run.Site.Devices.GetTag(battery, "StateOfChargeMinimum")!.Oca);
    }

    [Fact]
    public void Switching_the_wallbox_off_stops_ev_charging_until_it_is_switched_on_again()
    {
        var options = SiteClock.At(new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.FromHours(2)));
        var on = new SiteClock(options);
        var off = new SiteClock(options);
        var station = off.Site.EvStationGuid!;
        off.Site.Devices.Merge(station, Request("ModeStation", "OFF", null), off.Site.SimulatedNow);
        var startWork = on.Number(station, "WorkACIn");
        var sawCharging = false;

        for (var i = 0; i < 48 * 60; i++)
        {
            on.Advance(options.StepLength);
            off.Advance(options.StepLength);
            sawCharging |= on.Site.Devices.GetValue(station, "ModeStation")!.GetValue<string>() == "CHARGING";
            Assert.Equal(0, off.Number(station, "PowerACIn"));
        }

        Assert.True(sawCharging);
        Assert.InRange((on.Number(station, "WorkACIn") - startWork) / 1000, 10, 30);
        Assert.Equal(startWork, off.Number(station, "WorkACIn"));
        Assert.Equal("OFF", off.Site.Devices.GetValue(station, "ModeStation")!.GetValue<string>());

        off.Site.Devices.Merge(station, Request("ModeStation", "STANDBY", null), off.Site.SimulatedNow);
        off.Advance(options.StepLength);
        Assert.NotEqual("OFF", off.Site.Devices.GetValue(station, "ModeStation")!.GetValue<string>());
    }

    [Fact]
    public void In_PV_EXCESS_the_wallbox_charges_only_from_surplus_so_neither_grid_nor_battery_feed_the_car()
    {
        var options = SiteClock.At(new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.FromHours(2)));
        var full = new SiteClock(options);
        var excess = new SiteClock(options);
        var station = excess.Site.EvStationGuid!;
        excess.Site.Devices.Set(station, WritableSettings.OptimizationMode, "PV_EXCESS", excess.Site.SimulatedNow);
        var startWork = excess.Number(station, "WorkACIn");
        var surplusSteps = 0;

        for (var i = 0; i < 48 * 60; i++)
        {
            full.Advance(options.StepLength);
            excess.Advance(options.StepLength);
            if (excess.Number(station, "PowerACIn") > 0)
            {
                // Within the meters' milliwatt rounding.
                surplusSteps++;
                Assert.InRange(excess.Location("PowerIn"), 0, 0.01);
                Assert.InRange(excess.Location("PowerReleased"), 0, 0.01);
            }
        }

        Assert.True(surplusSteps > 0, "the car charged from the morning sun");
        Assert.True(excess.Number(station, "WorkACIn") - startWork < full.Number(station, "WorkACIn") - startWork);
    }

    [Fact]
    public void A_plug_switched_off_draws_nothing_and_the_home_consumes_that_much_less()
    {
        var options = SiteClock.At(JuneEvening) with { WithPlug = true };
        var on = new SiteClock(options);
        var off = new SiteClock(options);
        var plug = off.Site.PlugGuid!;
        off.Site.Devices.Merge(plug, Request("ModeRelay", "OFF", null), off.Site.SimulatedNow);

        for (var i = 0; i < 60; i++)
        {
            on.Advance(options.StepLength);
            off.Advance(options.StepLength);
            Assert.Equal(options.PlugPower, on.Number(plug, "PowerIn"));
            Assert.Equal(0, off.Number(plug, "PowerIn"));
            Assert.Equal(on.Location("PowerConsumed") - options.PlugPower, off.Location("PowerConsumed"), 3);
        }

        Assert.Equal("OFF", off.Site.Devices.GetValue(plug, "ModeRelay")!.GetValue<string>());
    }

    [Fact]
    public void Measurements_are_read_only_and_settings_writable()
    {
        var run = new SiteClock(SiteClock.At(JuneEvening));

        var outcome = run.Site.Devices.Merge(run.Site.LocationGuid, Request("PowerProduced", 1, null), run.Site.SimulatedNow)!;

        Assert.Equal("read-only tag", outcome.Failed["PowerProduced"]!["reason"]!.GetValue<string>());
        Assert.True(run.Site.Devices.GetTag(run.Site.BatteryGuid, "StateOfChargeMinimum")!.Writable);
        Assert.True(run.Site.Devices.GetTag(run.Site.EvStationGuid!, "ModeStation")!.Writable);
        Assert.True(run.Site.Devices.GetTag(run.Site.LocationGuid, "PriceWorkIn")!.Writable);
    }

    [Fact]
    public void Bad_options_fail_with_a_clear_message()
    {
        var clock = new FakeTimeProvider();

        var speed = Assert.Throws<ArgumentException>(() => new SimulatedSite(SimulationOptionsWith(speed: 0), clock));
        var zone = Assert.Throws<ArgumentException>(() => new SimulatedSite(Kiwigrid.Emulator.Simulation.SimulationOptions.Default with { TimeZoneId = "Mars/Olympus" }, clock));

        Assert.Contains("SpeedFactor", speed.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", zone.Message, StringComparison.Ordinal);
    }

    private static Kiwigrid.Emulator.Simulation.SimulationOptions SimulationOptionsWith(double speed) =>
        Kiwigrid.Emulator.Simulation.SimulationOptions.Default with { SpeedFactor = speed };

    private static JsonObject Request(string tag, JsonNode value, long? oca)
    {
        var body = new JsonObject { ["value"] = value };
        if (oca is not null)
        {
            body["oca"] = oca.Value;
        }

        return new JsonObject { [tag] = body };
    }

    private static string Documents(SiteClock run, bool cloudShape) =>
        new JsonArray(run.Site.Devices.ToDocuments(cloudShape).Select(JsonNode (d) => d).ToArray()).ToJsonString();
}
