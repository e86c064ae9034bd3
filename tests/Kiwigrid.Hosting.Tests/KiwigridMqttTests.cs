using Kiwigrid.Cli.Tests.Serve.Mqtt;
using Kiwigrid.Testing;

namespace Kiwigrid.Hosting.Tests;

/// <summary>MQTT is an opt-in of AddKiwigrid: with a broker set, the host publishes the home to a real Mosquitto.</summary>
public sealed class KiwigridMqttTests
{
    [Fact]
    [Trait(TestCategory.Name, TestCategory.Broker)]
    public async Task With_a_broker_set_the_host_publishes_the_energy_flow_with_home_assistant_discovery()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, null, "kiwigrid/#", "homeassistant/#");
        await using var home = await HostedHome.StartAsync(o =>
        {
            o.Mqtt.Broker = broker.Uri;
            o.Mqtt.TopicPrefix = "kiwigrid";
        });

        var flow = await home.WaitForJsonAsync("api/energy-flow");
        var state = await recorder.WaitForAsync(m => m.Topic.StartsWith("kiwigrid/", StringComparison.Ordinal) && m.Topic.EndsWith("/energy_flow/state", StringComparison.Ordinal));
        var config = await recorder.WaitForAsync(m => m.Topic.StartsWith("homeassistant/sensor/", StringComparison.Ordinal) && m.Topic.EndsWith("/energy_flow_pv_power/config", StringComparison.Ordinal));

        // The same reading, or the next one a poll later: the emulated house changes little in 5 s.
        Assert.InRange(state.Json.GetProperty("house_consumption").GetDouble(), flow.GetProperty("housePowerW").GetDouble() - 100, flow.GetProperty("housePowerW").GetDouble() + 100);
        Assert.Equal(state.Topic, config.Json.GetProperty("state_topic").GetString());

        // Retained, so a Home Assistant that starts later still finds the sensor.
        await using var later = await TopicRecorder.StartAsync(broker.Uri, null, config.Topic);
        Assert.True((await later.WaitForAsync(config.Topic)).Retain);
    }
}
