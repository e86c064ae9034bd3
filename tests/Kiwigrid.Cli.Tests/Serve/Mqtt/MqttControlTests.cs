using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// Settings as Home Assistant entities, with <c>--allow-control</c>: discovery, commands through a real Mosquitto,
/// and the state echoed from the site's read-back, checked by a plain MQTT client as Home Assistant would be one.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Broker)]
[Collection(AloneInTheProcess.Name)]
public sealed class MqttControlTests
{
    private const string Station = ControllableSite.Station;

    [Fact]
    public async Task Settings_become_select_switch_and_number_entities_and_a_command_changes_the_setting_with_the_read_back_as_state()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        await using var home = await ControlledHome.StartAsync(broker.Uri);

        var select = (await recorder.WaitForAsync(home.Config("select", $"{Station}_optimization_mode"))).Json;
        var toggle = (await recorder.WaitForAsync(home.Config("switch", $"{Station}_switch_state"))).Json;
        var number = (await recorder.WaitForAsync(home.Config("number", "battery-1_backup_reserve"))).Json;
        var state = await recorder.WaitForAsync(home.SettingsState(Station));

        Assert.Equal(["Not optimized", "PV optimized", "Departure time"], select.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(home.Command(Station, "optimization_mode"), select.GetProperty("command_topic").GetString());
        Assert.Equal(home.SettingsState(Station), select.GetProperty("state_topic").GetString());
        Assert.Equal("{{ value_json.optimization_mode }}", select.GetProperty("value_template").GetString());
        Assert.Equal($"{home.Topics.Availability}", select.GetProperty("availability_topic").GetString());
        Assert.Equal(("ON", "OFF"), (toggle.GetProperty("payload_on").GetString(), toggle.GetProperty("payload_off").GetString()));
        Assert.Equal((0, 100, "%"), (number.GetProperty("min").GetDouble(), number.GetProperty("max").GetDouble(), number.GetProperty("unit_of_measurement").GetString()));
        Assert.Equal("PV optimized", state.Json.GetProperty("optimization_mode").GetString());

        var from = recorder.Messages.Count;
        await recorder.PublishAsync(home.Command(Station, "optimization_mode"), "Departure time");
        await recorder.PublishAsync(home.Command("battery-1", "backup_reserve"), "35");

        await recorder.WaitForAsync(m => m.Topic == home.SettingsState(Station) && m.Json.GetProperty("optimization_mode").GetString() == "Departure time", from);
        await recorder.WaitForAsync(m => m.Topic == home.SettingsState("battery-1") && m.Json.GetProperty("backup_reserve").GetDouble() == 35, from);
        // Two commands, two changes made side by side: in either order.
        Assert.Equal([("battery-1", "backup_reserve", "35"), (Station, "optimization_mode", "Departure time")], home.Site.Changes.Order());
        await home.Logs.WaitForAsync(l => l.Contains("mqtt changed optimization_mode of Wallbox (ev-station-1): PV optimized → Departure time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_commands_are_ignored_with_one_log_line_each_and_change_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        // Left on the broker before serve starts: it would switch the station off at every start.
        var topics = await ControlledHome.TopicsAsync();
        await recorder.PublishAsync(topics.SettingCommand(Station, "switch_state"), "OFF", retain: true);
        await using var home = await ControlledHome.StartAsync(broker.Uri);
        await recorder.WaitForAsync(home.SettingsState(Station));

        await recorder.PublishAsync(home.Command(Station, "optimization_mode"), "Turbo");
        await recorder.PublishAsync(home.Command("battery-1", "backup_reserve"), "150");
        await recorder.PublishAsync(home.Command(Station, "colour"), "green");
        // A valid command after them: once it is made, the invalid ones before it have been read.
        await recorder.PublishAsync(home.Command(Station, "switch_state"), "off");
        await home.Logs.WaitForAsync(l => l.Contains("mqtt changed switch_state", StringComparison.Ordinal));

        var ignored = home.Logs.Lines.Where(l => l.Contains("Ignored the MQTT command", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, ignored.Count);
        Assert.Contains(ignored, l => l.Contains("'Turbo'", StringComparison.Ordinal) && l.Contains("takes Not optimized, PV optimized, Departure time", StringComparison.Ordinal));
        Assert.Contains(ignored, l => l.Contains("'150'", StringComparison.Ordinal) && l.Contains("from 0 to 100 %", StringComparison.Ordinal));
        Assert.Contains(ignored, l => l.Contains("no setting of the site", StringComparison.Ordinal));
        Assert.Contains(ignored, l => l.Contains("retained", StringComparison.Ordinal));
        Assert.Equal([(Station, "switch_state", "OFF")], home.Site.Changes);
    }

    [Fact]
    public async Task Without_control_the_setting_entities_of_an_earlier_run_are_removed_and_commands_are_not_listened_to()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        string selectConfig;
        await using (var withControl = await ControlledHome.StartAsync(broker.Uri))
        {
            selectConfig = withControl.Config("select", $"{Station}_optimization_mode");
            await recorder.WaitForAsync(selectConfig);
            await recorder.WaitForAsync(withControl.Config("switch", $"{Station}_switch_state"));
        }

        var from = recorder.Messages.Count;
        await using var withoutControl = await ControlledHome.StartAsync(broker.Uri, allowControl: false);

        await recorder.WaitForAsync(m => m.Topic == selectConfig && m.Payload.Length == 0, from);
        await recorder.WaitForAsync(m => m.Topic == withoutControl.Config("switch", $"{Station}_switch_state") && m.Payload.Length == 0, from);
        await recorder.PublishAsync(withoutControl.Command(Station, "optimization_mode"), "Departure time");
        await recorder.DrainAsync();
        Assert.Empty(withoutControl.Site.Changes);
    }

    /// <summary>A publisher fed one reading of a real Energy Manager, with a <see cref="ControllableSite"/>'s settings.</summary>
    private sealed class ControlledHome : IAsyncDisposable
    {
        private readonly MqttPublisher _publisher;

        private ControlledHome(MqttPublisher publisher, ControllableSite site, RecordingLoggers logs, MqttTopics topics)
        {
            _publisher = publisher;
            Site = site;
            Logs = logs;
            Topics = topics;
        }

        public ControllableSite Site { get; }

        public RecordingLoggers Logs { get; }

        public MqttTopics Topics { get; }

        public static async Task<MqttTopics> TopicsAsync() => TopicsFor(await DevicesAsync());

        public static async Task<ControlledHome> StartAsync(Uri broker, bool allowControl = true)
        {
            var devices = await DevicesAsync();
            var clock = new FakeTimeProvider(EmulatedHome.Noon);
            var site = new ControllableSite();
            var logs = new RecordingLoggers();
            var control = new SiteControl(site, allowControl, clock, logs.CreateLogger("control"));
            await control.ReadAsync(CancellationToken.None);
            var publisher = await MqttPublisher.StartAsync(new MqttPublisherOptions(broker), logs, clock, control, CancellationToken.None);
            await publisher.HandleAsync(new DeviceSnapshot(clock.GetUtcNow(), devices, [], IsFirst: true, AfterReconnect: false), CancellationToken.None);
            return new ControlledHome(publisher, site, logs, TopicsFor(devices));
        }

        private static async Task<IReadOnlyList<Device>> DevicesAsync() =>
            DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json")));

        private static MqttTopics TopicsFor(IReadOnlyList<Device> devices) => new("kiwigrid", "homeassistant", MqttTopics.NodeIdFor(devices)!);

        public string Config(string component, string objectId) => Topics.EntityConfig(component, objectId);

        public string SettingsState(string deviceId) => Topics.SettingsState(deviceId);

        public string Command(string deviceId, string setting) => Topics.SettingCommand(deviceId, setting);

        public ValueTask DisposeAsync() => _publisher.DisposeAsync();
    }
}
