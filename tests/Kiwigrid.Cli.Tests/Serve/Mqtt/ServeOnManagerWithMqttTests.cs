using Kiwigrid.Emulator.Manager;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary><c>serve --local --mqtt</c> on the emulated SOLARWATT Manager: Home Assistant gets its energy flow with discovery.</summary>
public sealed class ServeOnManagerWithMqttTests
{
    [Fact]
    [Trait(TestCategory.Name, TestCategory.Broker)]
    public async Task The_managers_energy_flow_reaches_the_broker_as_its_api_shows_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, null, "home/#", "homeassistant/#");
        await using var served = await ServedHome.StartOnManagerAsync(ManagerOptions.Default, "--mqtt", broker.Uri.ToString(), "--mqtt-topic-prefix", "home");
        await served.WaitForFirstSnapshotAsync();

        var state = await recorder.WaitForAsync(m => m.Topic.StartsWith("home/", StringComparison.Ordinal) && m.Topic.EndsWith("/energy_flow/state", StringComparison.Ordinal));
        var flow = await served.GetJsonAsync("/api/energy-flow");
        var config = await recorder.WaitForAsync(m => m.Topic.StartsWith("homeassistant/sensor/", StringComparison.Ordinal) && m.Topic.EndsWith("_pv_power/config", StringComparison.Ordinal));

        Assert.True(state.Json.GetProperty("pv_power").GetDouble() > 0, state.Payload);
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), state.Json.GetProperty("pv_power").GetDouble(), 0.05);
        Assert.Equal(state.Topic, config.Json.GetProperty("state_topic").GetString());
    }
}
