using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>The HEMS energy flow is the simulated home's: balanced, and the very numbers the local Energy Manager shows.</summary>
public sealed class HemsEnergyFlowTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(23)]
    public async Task Sources_equal_sinks_at_every_time_of_day(int hour)
    {
        await using var run = await HemsRun.StartAsync();
        run.AdvanceTo(TimeSpan.FromHours(hour));

        var flow = await run.GetAsync("/energy-flow");

        double N(string section, string name) => flow[section]![name]!.GetValue<double>();
        var sources = N("pv", "out") + N("grid", "in") + N("battery", "out");
        var sinks = N("consumption", "in") + N("grid", "out") + N("battery", "in");
        Assert.True(N("consumption", "in") > 0, "the house always draws power");
        Assert.Equal(sources, sinks, 0.01);
        Assert.Equal(N("grid", "in") - N("grid", "out"), N("grid", "balance"), 0.001);
        Assert.Equal(N("battery", "in") - N("battery", "out"), N("battery", "balance"), 0.001);
        Assert.InRange(N("battery", "soc"), 0, 1);
        if (hour is 3 or 23)
        {
            Assert.Equal(0, N("pv", "out"));
        }
        else if (hour == 13)
        {
            Assert.True(N("pv", "out") > 1000, $"a June noon yields more than 1 kW, not {N("pv", "out")} W");
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(23)]
    public async Task The_energy_flow_is_the_location_the_local_energy_manager_shows_at_the_same_instant(int hour)
    {
        await using var run = await HemsRun.StartAsync();
        run.AdvanceTo(TimeSpan.FromHours(hour));

        var flow = await run.GetAsync("/energy-flow");
        using var http = Support.EmulatorRun.HttpClient(run.Emulator);
        var local = JsonNode.Parse(await http.GetStringAsync("/rest/kiwigrid/wizard/devices"))!["result"]!["items"]!.AsArray();

        JsonNode Device(string classSuffix) => local.Single(d => d!["deviceModel"]!.AsArray()
            .Any(m => m!["deviceClass"]!.GetValue<string>().EndsWith(classSuffix, StringComparison.Ordinal)))!;
        var location = Device(".location.Location");
        var battery = Device(".batteryconverter.BatteryConverter");
        double Tag(JsonNode device, string tag) => device["tagValues"]![tag]!["value"]!.GetValue<double>();
        double N(string section, string name) => flow[section]![name]!.GetValue<double>();

        Assert.Equal(Tag(location, "PowerProduced"), N("pv", "out"));
        Assert.Equal(Tag(location, "PowerConsumed"), N("consumption", "in"));
        Assert.Equal(Tag(location, "PowerIn"), N("grid", "in"));
        Assert.Equal(Tag(location, "PowerOut"), N("grid", "out"));
        Assert.Equal(Tag(location, "PowerBuffered"), N("battery", "in"));
        Assert.Equal(Tag(location, "PowerReleased"), N("battery", "out"));
        Assert.Equal(Tag(battery, "StateOfCharge") / 100, N("battery", "soc"), 1e-9);
        Assert.Equal(location["guid"]!.GetValue<string>(), flow["grid"]!["devices"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(battery["guid"]!.GetValue<string>(), flow["battery"]!["devices"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_consumers_list_shows_what_a_plug_draws_now()
    {
        await using var run = await HemsRun.StartAsync(time => new GadgetSite(time));

        var consumers = (await run.GetAsync("/home/consumption/consumers")).AsArray();

        var plug = Assert.Single(consumers)!;
        Assert.Equal(GadgetSite.Plug, plug["id"]!.GetValue<string>());
        Assert.Equal("myStrom (Waschmaschine)", plug["name"]!.GetValue<string>());
        Assert.Equal(1.68, plug["consumption"]!.GetValue<double>());
    }
}
