using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary><c>kiwigrid serve --mqtt</c>: the served site also reaches a real broker, with discovery.</summary>
public sealed class ServeWithMqttTests
{
    [Fact]
    [Trait(TestCategory.Name, TestCategory.Broker)]
    public async Task Serve_with_mqtt_publishes_the_same_energy_flow_as_its_api_and_the_discovery_configs()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, null, "home/#", "homeassistant/#");
        await using var served = await ServedHome.StartAsync(null, "--mqtt", broker.Uri.ToString(), "--mqtt-topic-prefix", "home");
        await served.WaitForFirstSnapshotAsync();

        var state = await recorder.WaitForAsync(m => m.Topic.StartsWith("home/", StringComparison.Ordinal) && m.Topic.EndsWith("/energy_flow/state", StringComparison.Ordinal));
        var flow = await served.GetJsonAsync("/api/energy-flow");
        Assert.Equal(flow.GetProperty("pvPowerW").GetDouble(), state.Json.GetProperty("pv_power").GetDouble(), 0.05);

        var config = await recorder.WaitForAsync(m => m.Topic.StartsWith("homeassistant/sensor/", StringComparison.Ordinal) && m.Topic.EndsWith("_pv_power/config", StringComparison.Ordinal));
        Assert.Equal(state.Topic, config.Json.GetProperty("state_topic").GetString());

        // A subscriber that comes later (Home Assistant after a restart) still finds the config: it is retained.
        await using var late = await TopicRecorder.StartAsync(broker.Uri, null, config.Topic);
        Assert.True((await late.WaitForAsync(config.Topic)).Retain);
        var online = await recorder.WaitForAsync(m => m.Topic.StartsWith("home/", StringComparison.Ordinal) && m.Topic.EndsWith("/status", StringComparison.Ordinal));
        Assert.Equal("online", online.Payload);
    }

    [Theory]
    [InlineData("mqtt://user:secret@127.0.0.1:1883", "KIWIGRID_MQTT_PASSWORD")]
    [InlineData("not a url", "--mqtt takes a broker URL")]
    public async Task A_bad_mqtt_url_is_a_usage_error_that_never_shows_a_password(string url, string expected)
    {
        var cli = new CliRun().WithDemoUser();
        var outcome = await cli.RunAsync(CancellationToken.None, ["serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--mqtt", url]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, cli.Error.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", cli.Error.Output + cli.Out.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mqtt", "mqtt://127.0.0.1:1883", "--mqtt-ca-file", "ca.pem", "An MQTT CA file only applies to an mqtts:// broker")]
    [InlineData("--mqtt", "mqtts://127.0.0.1:8883", "--mqtt-ca-file", "/nonexistent/ca.pem", "The MQTT CA file /nonexistent/ca.pem cannot be read")]
    [InlineData("--urls", "http://127.0.0.1:0", "--mqtt-ca-file", "ca.pem", "--mqtt-ca-file only applies with --mqtt")]
    public async Task A_CA_file_that_cannot_be_used_is_a_usage_error(string option, string value, string caOption, string caFile, string expected)
    {
        var cli = new CliRun().WithDemoUser();
        var outcome = await cli.RunAsync(CancellationToken.None, ["serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", option, value, caOption, caFile]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, cli.Error.Output, StringComparison.Ordinal);
    }
}
