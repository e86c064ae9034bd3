using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>
/// The HEMS writes: what they refuse as the real cloud would, and how an accepted one shows in
/// <c>/device/optimization</c> and steers the simulated home.
/// </summary>
public sealed class HemsControlTests
{
    private static SimulationOptions WithPlug() => HemsRun.Home() with { WithPlug = true };

    [Fact]
    public async Task Switching_the_plug_off_shows_in_the_optimization_list_and_cuts_its_draw_from_the_home_s_consumption()
    {
        await using var run = await HemsRun.StartAsync(time => new SimulatedSite(WithPlug(), time));
        await using var control = await HemsRun.StartAsync(time => new SimulatedSite(WithPlug(), time));
        var site = (SimulatedSite)run.Emulator.Site;
        var plug = site.PlugGuid!;
        run.AdvanceTo(TimeSpan.FromHours(1));
        Assert.Equal("ON", Item(await run.GetAsync("/device/optimization"), plug)["switch_state"]!.GetValue<string>());

        using (var response = await run.WriteAsync(HttpMethod.Put, $"/device/{plug}/optimization/state", """{"target_state":"OFF"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal("OFF", Item(await run.GetAsync("/device/optimization"), plug)["switch_state"]!.GetValue<string>());
        run.AdvanceTo(TimeSpan.FromHours(2));
        control.AdvanceTo(TimeSpan.FromHours(2));
        var consumers = (await run.GetAsync("/home/consumption/consumers")).AsArray();
        Assert.Equal(0, consumers.Single(c => c!["id"]!.GetValue<string>() == plug)!["consumption"]!.GetValue<double>());
        var consumed = (await run.GetAsync("/energy-flow"))["consumption"]!["in"]!.GetValue<double>();
        var unchanged = (await control.GetAsync("/energy-flow"))["consumption"]!["in"]!.GetValue<double>();
        Assert.Equal(unchanged - SimulationOptions.Default.PlugPower, consumed, 3);
    }

    [Fact]
    public async Task An_optimization_mode_the_device_lists_is_kept_and_shown()
    {
        await using var run = await HemsRun.StartAsync(time => new SimulatedSite(WithPlug(), time));
        var station = ((SimulatedSite)run.Emulator.Site).EvStationGuid!;

        using var response = await run.WriteAsync(HttpMethod.Patch, $"/device/{station}/optimization/config", """{"optimization_mode":"PV_EXCESS"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("PV_EXCESS", Item(await run.GetAsync("/device/optimization"), station)["config"]!["optimization_mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PATCH", "urn:nowhere:0", "config", """{"optimization_mode":"PV_EXCESS"}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("PUT", "urn:nowhere:0", "state", """{"target_state":"OFF"}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("PATCH", GadgetSite.Plug, "config", """{"optimization_mode":"DEPARTURE_TIME"}""", HttpStatusCode.BadRequest, "unsupported_mode")]
    [InlineData("PUT", GadgetSite.Heater, "state", """{"target_state":"OFF"}""", HttpStatusCode.BadRequest, "switching_not_supported")]
    [InlineData("PUT", GadgetSite.Plug, "state", """{"target_state":"MAYBE"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("PUT", GadgetSite.Plug, "state", "target_state=OFF", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("PATCH", GadgetSite.Plug, "config", """["PV_EXCESS"]""", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task What_the_cloud_would_refuse_is_refused_with_a_reason_and_changes_nothing(
        string method, string device, string what, string body, HttpStatusCode status, string error)
    {
        await using var run = await HemsRun.StartAsync(time => new GadgetSite(time));
        var before = (await run.GetAsync("/device/optimization")).ToJsonString();

        using var response = await run.WriteAsync(new HttpMethod(method), $"/device/{Uri.EscapeDataString(device)}/optimization/{what}", body);

        Assert.Equal(status, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(error, answer["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(answer["message"]!.GetValue<string>()));
        Assert.Equal(before, (await run.GetAsync("/device/optimization")).ToJsonString());
    }

    [Fact]
    public async Task A_heater_is_listed_with_its_modes_but_cannot_be_switched()
    {
        await using var run = await HemsRun.StartAsync(time => new GadgetSite(time));

        var heater = Item(await run.GetAsync("/device/optimization"), GadgetSite.Heater);

        Assert.False(heater["supports_switching"]!.GetValue<bool>());
        Assert.Equal(["NOT_OPTIMIZED", "PV_EXCESS"], heater["supported_optimization_modes"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    private static JsonNode Item(JsonNode list, string id) => list.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;
}
