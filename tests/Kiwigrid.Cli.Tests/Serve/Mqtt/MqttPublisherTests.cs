using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Hosting.Views;
using Kiwigrid.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// The publisher against a real Mosquitto on loopback, fed with snapshots of the emulated home, checked by a plain
/// MQTT subscriber as Home Assistant would see it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Broker)]
[Collection(AloneInTheProcess.Name)]
public sealed class MqttPublisherTests
{
    private static Task<MqttPublisher> StartPublisherAsync(Uri broker, TimeProvider? clock = null, RecordingLoggers? logs = null) =>
        MqttPublisher.StartAsync(
            new MqttPublisherOptions(broker),
            logs ?? (ILoggerFactory)NullLoggerFactory.Instance,
            clock ?? new FakeTimeProvider(),
            CancellationToken.None);

    [Fact]
    public async Task Announces_the_energy_flow_and_each_device_to_Home_Assistant_with_values_that_match_the_site()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        await using var publisher = await StartPublisherAsync(broker.Uri);

        var snapshot = await home.SnapshotAsync();
        await publisher.HandleAsync(snapshot, CancellationToken.None);

        var flow = await recorder.WaitForAsync(PublishedHome.FlowState);
        var shown = snapshot.Devices.Where(d => d.Kind is DeviceKind.PVPlant or DeviceKind.Inverter or DeviceKind.Battery or DeviceKind.PowerMeter or DeviceKind.EVStation);
        foreach (var shownDevice in shown)
        {
            await recorder.WaitForAsync(PublishedHome.DeviceState(shownDevice));
        }

        var messages = recorder.Messages;
        ReceivedMessage Config(string objectId) => Assert.Single(messages, m => m.Topic == PublishedHome.Config(objectId));

        // Energy flow: power sensors, the battery level, and totals that the Energy dashboard accepts.
        var site = snapshot.Devices.Single(d => d.Kind == DeviceKind.Location);
        var energyManager = snapshot.Devices.Single(d => d.Kind == DeviceKind.EnergyManager);
        var pv = Config("energy_flow_pv_power");
        AssertSensor(pv, "power", "measurement", "W", PublishedHome.FlowState);
        Assert.Equal(Shown(site.GetDouble(TagNames.PowerProduced)), PublishedHome.Render(pv, flow).GetDouble());
        Assert.Equal(energyManager.Guid, pv.Json.GetProperty("device").GetProperty("identifiers")[0].GetString());
        Assert.Equal("ERC05", pv.Json.GetProperty("device").GetProperty("model").GetString());
        Assert.Equal("kiwigrid_erc05-000012345_energy_flow_pv_power", pv.Json.GetProperty("unique_id").GetString());

        foreach (var power in new[] { "house_consumption", "grid_import", "grid_export", "battery_charging", "battery_discharging" })
        {
            AssertSensor(Config($"energy_flow_{power}"), "power", "measurement", "W", PublishedHome.FlowState);
        }

        var soc = Config("energy_flow_battery_soc");
        AssertSensor(soc, "battery", "measurement", "%", PublishedHome.FlowState);
        Assert.Equal(Shown(EnergyFlow.From(snapshot.Devices).BatteryStateOfCharge!.Value.Value), PublishedHome.Render(soc, flow).GetDouble());
        var selfSufficiency = Config("energy_flow_self_sufficiency");
        Assert.Equal("%", selfSufficiency.Json.GetProperty("unit_of_measurement").GetString());
        Assert.InRange(PublishedHome.Render(selfSufficiency, flow).GetDouble(), 0, 100);

        foreach (var (objectId, tag) in new[]
                 {
                     ("energy_produced", "WorkProduced"), ("energy_consumed", "WorkConsumed"), ("grid_energy_imported", "WorkIn"),
                     ("grid_energy_exported", "WorkOut"), ("battery_energy_charged", "WorkBuffered"), ("battery_energy_discharged", "WorkReleased"),
                 })
        {
            var total = Config($"energy_flow_{objectId}");
            AssertSensor(total, "energy", "total_increasing", "Wh", PublishedHome.FlowState);
            Assert.Equal(Shown(site.GetDouble(tag)), PublishedHome.Render(total, flow).GetDouble());
        }

        // Per device: the battery, reached through the Energy Manager, with its own state topic.
        var battery = snapshot.Devices.First(d => d.Kind == DeviceKind.Battery);
        var batteryState = Assert.Single(messages, m => m.Topic == PublishedHome.DeviceState(battery));
        var batterySoc = Assert.Single(messages, m => m.Topic == PublishedHome.DeviceConfig(battery, TagNames.StateOfCharge));
        AssertSensor(batterySoc, "battery", "measurement", "%", PublishedHome.DeviceState(battery));
        Assert.Equal(Shown(battery.GetDouble(TagNames.StateOfCharge)), PublishedHome.Render(batterySoc, batteryState).GetDouble());
        var device = batterySoc.Json.GetProperty("device");
        Assert.Equal(battery.Guid, device.GetProperty("identifiers")[0].GetString());
        Assert.Equal(battery.Name, device.GetProperty("name").GetString());
        Assert.Equal("SOLARWATT", device.GetProperty("manufacturer").GetString());
        Assert.Equal(energyManager.Guid, device.GetProperty("via_device").GetString());
        AssertSensor(Assert.Single(messages, m => m.Topic == PublishedHome.DeviceConfig(battery, TagNames.PowerACIn)), "power", "measurement", "W", PublishedHome.DeviceState(battery));

        // PV plant, meter and charger get their main tags; the apps and the Energy Manager itself get no sensors.
        foreach (var (kind, tag) in new[] { (DeviceKind.PVPlant, TagNames.PowerACOut), (DeviceKind.PowerMeter, TagNames.PowerIn), (DeviceKind.EVStation, TagNames.PowerACIn) })
        {
            var owner = snapshot.Devices.First(d => d.Kind == kind && d.GetBool(TagNames.StateVisibleIsSet) != false);
            var config = Assert.Single(messages, m => m.Topic == PublishedHome.DeviceConfig(owner, tag));
            AssertSensor(config, "power", "measurement", "W", PublishedHome.DeviceState(owner));
            var state = Assert.Single(messages, m => m.Topic == PublishedHome.DeviceState(owner));
            Assert.Equal(Shown(owner.GetDouble(tag)), PublishedHome.Render(config, state).GetDouble());
        }

        foreach (var hidden in snapshot.Devices.Where(d => d.Kind is DeviceKind.App or DeviceKind.EnergyManager or DeviceKind.Location))
        {
            Assert.DoesNotContain(messages, m => m.Topic == PublishedHome.DeviceState(hidden));
        }

        // A subscriber arriving later (Home Assistant after a restart) gets availability and discovery, retained,
        // but no state: a retained power reading would outlive the moment it was true.
        await using var late = await TopicRecorder.StartAsync(broker.Uri, filters: ["homeassistant/#", "kiwigrid/#"]);
        var drained = await late.DrainAsync();
        var retained = late.Messages.Take(drained).ToList();
        Assert.All(retained, m => Assert.True(m.Retain, m.Topic));
        Assert.Contains(retained, m => m.Topic == PublishedHome.Status && m.Payload == "online");
        Assert.Equal(
            messages.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)).Select(m => m.Topic).Order(),
            retained.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)).Select(m => m.Topic).Order());
        Assert.DoesNotContain(retained, m => m.Topic.EndsWith("/state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishes_each_new_snapshot_goes_offline_while_the_cloud_is_lost_and_answers_Home_Assistant_coming_online()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        await using var publisher = await StartPublisherAsync(broker.Uri);

        var first = await home.SnapshotAsync();
        await publisher.HandleAsync(first, CancellationToken.None);
        var before = await recorder.WaitForAsync(PublishedHome.FlowState);

        home.Home.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await home.SnapshotAsync();
        var produced = second.Devices.Single(d => d.Kind == DeviceKind.Location).GetDouble(TagNames.PowerProduced);
        Assert.NotEqual(first.Devices.Single(d => d.Kind == DeviceKind.Location).GetDouble(TagNames.PowerProduced), produced);
        await publisher.HandleAsync(second, CancellationToken.None);
        var after = await recorder.WaitForAsync(PublishedHome.FlowState, before.Index + 1);
        Assert.Equal(Shown(produced), after.Json.GetProperty("pv_power").GetDouble());

        // Unchanged configs are not sent again with every snapshot.
        Assert.DoesNotContain(recorder.Messages.Skip(before.Index + 1), m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal));

        await publisher.HandleAsync(new DeviceWatchInterrupted(DateTimeOffset.UnixEpoch, new KiwigridConnectionException("lost"), 1, TimeSpan.FromSeconds(1)), CancellationToken.None);
        var offline = await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "offline", after.Index);
        await publisher.HandleAsync(await home.SnapshotAsync(), CancellationToken.None);
        await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "online", offline.Index);

        // Home Assistant's birth message: it may have lost the configs, so they and the state come again.
        var mark = recorder.Messages.Count;
        await using (var homeAssistant = await TopicRecorder.StartAsync(broker.Uri, filters: ["unused/#"]))
        {
            await homeAssistant.PublishAsync("homeassistant/status", "online");
        }

        await recorder.WaitForAsync(PublishedHome.Config("energy_flow_pv_power"), mark);
        await recorder.WaitForAsync(PublishedHome.FlowState, mark);
    }

    [Fact]
    public async Task A_connection_that_dies_leaves_the_last_will_offline_and_the_publisher_comes_back_online()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = new CuttableTcpRelay(broker.Port);
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        await using var publisher = await StartPublisherAsync(relay.Uri);
        await publisher.HandleAsync(await home.SnapshotAsync(), CancellationToken.None);
        var online = await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "online");
        await recorder.WaitForAsync(PublishedHome.FlowState);

        relay.CutAll();

        // The broker says "offline" for it (the will), then the publisher reconnects and says "online" again.
        var will = await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "offline", online.Index + 1);
        await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "online", will.Index + 1);
        await using var late = await TopicRecorder.StartAsync(broker.Uri, filters: [PublishedHome.Status]);
        var status = await late.WaitForAsync(PublishedHome.Status);
        Assert.Equal(("online", true), (status.Payload, status.Retain));
    }

    [Fact]
    public async Task A_broker_restart_does_not_stop_publishing_and_discovery_is_sent_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri);
        var clock = new PumpedClock();
        var logs = new RecordingLoggers();
        await using var publisher = await StartPublisherAsync(broker.Uri, clock, logs);
        await publisher.HandleAsync(await home.SnapshotAsync(), CancellationToken.None);
        await recorder.WaitForAsync(PublishedHome.FlowState);

        await broker.KillAsync();

        // Snapshots keep coming while the broker is gone. Each is taken over at once (the watch that feeds the
        // dashboard must not wait for a broker), and only the newest is worth sending once the broker is back.
        home.Home.Clock.Advance(TimeSpan.FromMinutes(5));
        var outdated = await home.SnapshotAsync();
        Assert.True(publisher.HandleAsync(outdated, CancellationToken.None).IsCompletedSuccessfully);
        home.Home.Clock.Advance(TimeSpan.FromMinutes(5));
        var during = await home.SnapshotAsync();
        Assert.True(publisher.HandleAsync(during, CancellationToken.None).IsCompletedSuccessfully);
        static double Produced(DeviceSnapshot snapshot) => snapshot.Devices.Single(d => d.Kind == DeviceKind.Location).GetDouble(TagNames.PowerProduced)!.Value;
        Assert.NotEqual(Produced(outdated), Produced(during));

        await broker.RestartAsync();
        await recorder.ConnectAsync();
        var mark = recorder.Messages.Count;
        await using (new ClockPump(clock))
        {
            // The restarted broker kept nothing (no persistence): what arrives was published anew.
            var state = await recorder.WaitForAsync(PublishedHome.FlowState, mark);
            Assert.Equal(Shown(Produced(during)), state.Json.GetProperty("pv_power").GetDouble());
            await recorder.WaitForAsync(PublishedHome.Config("energy_flow_pv_power"), mark);
            await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "online", mark);

            home.Home.Clock.Advance(TimeSpan.FromMinutes(5));
            var next = recorder.Messages.Count;
            await publisher.HandleAsync(await home.SnapshotAsync(), CancellationToken.None);
            await recorder.WaitForAsync(PublishedHome.FlowState, next);
        }

        Assert.DoesNotContain(
            recorder.Messages.Skip(mark),
            m => m.Topic == PublishedHome.FlowState && m.Json.GetProperty("pv_power").GetDouble() == Shown(Produced(outdated)));

        Assert.Contains(logs.Lines, line => line.StartsWith("Warning: Lost the connection to MQTT broker mqtt://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_in_with_credentials_from_the_environment_and_retries_a_refused_login_with_backoff_without_logging_the_password()
    {
        var user = (Name: "homeassistant", Password: "Br0ker-s3cret");
        await using var broker = await MosquittoBroker.StartAsync(user);
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, user);
        var environment = new Dictionary<string, string>
        {
            [MqttPublisherOptions.UserNameVariable] = user.Name,
            [MqttPublisherOptions.PasswordVariable] = user.Password,
        };
        var options = new MqttPublisherOptions(broker.Uri) { NodeId = "garage", GetEnvironmentVariable = environment.GetValueOrDefault };
        await using (await MqttPublisher.StartAsync(options, NullLoggerFactory.Instance, new FakeTimeProvider(), CancellationToken.None))
        {
            await recorder.WaitForAsync(m => m.Topic == "kiwigrid/garage/status" && m.Payload == "online");
        }

        // Stopping says "offline" itself: a clean disconnect does not fire the will.
        await recorder.WaitForAsync(m => m.Topic == "kiwigrid/garage/status" && m.Payload == "offline");

        var clock = new FakeTimeProvider();
        var logs = new RecordingLoggers();
        // The whole doubled delay each time (no jitter), so the waits are exact.
        var wrong = new MqttPublisherOptions(new Uri($"mqtt://{user.Name}:Wr0ng-s3cret@127.0.0.1:{broker.Port}")) { NodeId = "garage", ReconnectJitter = () => 1 };
        await using (await MqttPublisher.StartAsync(wrong, logs, clock, CancellationToken.None))
        {
            // StartAsync returns after the first attempt; the next ones wait 1 s, then 2 s on the publisher's clock.
            var first = Assert.Single(logs.Lines);
            Assert.Equal($"Warning: MQTT broker mqtt://127.0.0.1:{broker.Port} cannot be used (the broker refused the login (NotAuthorized); check the MQTT user name and password); trying again in 1 s (attempt 1)", first.TrimEnd());
            await logs.WaitAdvancingAsync(clock, TimeSpan.FromSeconds(1), line => line.Contains("trying again in 2 s (attempt 2)", StringComparison.Ordinal));
            await logs.WaitAdvancingAsync(clock, TimeSpan.FromSeconds(1), line => line.Contains("trying again in 4 s (attempt 3)", StringComparison.Ordinal));
        }

        Assert.All(logs.Lines, line => Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deletes_the_retained_configs_of_devices_removed_hidden_or_without_a_tag_on_the_next_snapshot_but_not_when_the_cloud_is_lost()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, filters: ["homeassistant/#", "kiwigrid/#"]);
        await using var publisher = await StartPublisherAsync(broker.Uri);

        var first = await home.SnapshotAsync();
        static bool Shown(Device d) => d.GetBool(TagNames.StateVisibleIsSet) != false;
        var battery = first.Devices.First(d => d.Kind == DeviceKind.Battery && Shown(d));
        var plant = first.Devices.First(d => d.Kind == DeviceKind.PVPlant && Shown(d));
        var meter = first.Devices.First(d => d.Kind == DeviceKind.PowerMeter && Shown(d) && d.GetTag(TagNames.WorkOut) is not null && d.GetTag(TagNames.PowerIn) is not null);
        await publisher.HandleAsync(first, CancellationToken.None);
        await recorder.WaitForAsync(PublishedHome.FlowState);
        var announced = recorder.Messages.Where(m => m.Topic.StartsWith("homeassistant/sensor/", StringComparison.Ordinal)).Select(m => m.Topic).ToHashSet();
        var expectedGone = announced
            .Where(t => PublishedHome.IsConfigOf(t, battery) || PublishedHome.IsConfigOf(t, plant) || t == PublishedHome.DeviceConfig(meter, TagNames.WorkOut))
            .ToHashSet();
        Assert.Contains(PublishedHome.DeviceConfig(battery, TagNames.StateOfCharge), expectedGone);
        Assert.Contains(PublishedHome.DeviceConfig(plant, TagNames.PowerACOut), expectedGone);
        Assert.Contains(PublishedHome.DeviceConfig(meter, TagNames.WorkOut), expectedGone);

        // Losing the cloud is what availability says; the devices may well still be there.
        await publisher.HandleAsync(new DeviceWatchInterrupted(DateTimeOffset.UnixEpoch, new KiwigridConnectionException("lost"), 1, TimeSpan.FromSeconds(1)), CancellationToken.None);
        await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "offline");

        // The battery is hidden in the portal; the PV plant is removed; the meter stops reporting its export total.
        home.Home.Site.Devices.Set(battery.Guid, TagNames.StateVisibleIsSet, false, home.Home.Clock.GetUtcNow());
        var read = await home.SnapshotAsync();
        Assert.False(read.Devices.Single(d => d.Guid == battery.Guid).GetBool(TagNames.StateVisibleIsSet));
        var second = read with
        {
            Devices = [.. read.Devices.Where(d => d.Guid != plant.Guid).Select(d => d.Guid == meter.Guid ? Without(d, TagNames.WorkOut) : d)],
        };
        var mark = recorder.Messages.Count;
        Assert.DoesNotContain(recorder.Messages, m => m.Payload.Length == 0);
        await publisher.HandleAsync(second, CancellationToken.None);
        await recorder.WaitForAsync(PublishedHome.FlowState, mark);

        // Home Assistant deletes an entity on an empty retained config: exactly the vanished ones get it.
        var emptied = recorder.Messages.Skip(mark).Where(m => m.Payload.Length == 0).Select(m => m.Topic).ToHashSet();
        Assert.Equal(expectedGone.Order(), emptied.Order());
        Assert.DoesNotContain(recorder.Messages.Skip(mark), m => m.Topic == PublishedHome.DeviceState(battery) || m.Topic == PublishedHome.DeviceState(plant));

        // Home Assistant starting later finds none of them, and the rest as before.
        await using (var late = await TopicRecorder.StartAsync(broker.Uri, filters: ["homeassistant/#"]))
        {
            var drained = await late.DrainAsync();
            var retained = late.Messages.Take(drained).Select(m => m.Topic).ToHashSet();
            Assert.Empty(retained.Intersect(expectedGone));
            Assert.Equal(announced.Except(expectedGone).Order(), retained.Order());
            Assert.Contains(PublishedHome.DeviceConfig(meter, TagNames.PowerIn), retained);
        }

        // Shown again: announced again.
        home.Home.Site.Devices.Set(battery.Guid, TagNames.StateVisibleIsSet, true, home.Home.Clock.GetUtcNow());
        var again = recorder.Messages.Count;
        await publisher.HandleAsync(await home.SnapshotAsync(), CancellationToken.None);
        var back = await recorder.WaitForAsync(PublishedHome.DeviceConfig(battery, TagNames.StateOfCharge), again);
        Assert.Equal(battery.Guid, back.Json.GetProperty("device").GetProperty("identifiers")[0].GetString());
    }

    [Fact]
    public async Task A_device_removed_while_no_publisher_ran_is_deleted_by_the_next_run_from_the_configs_the_broker_kept()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var home = await PublishedHome.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, filters: ["homeassistant/#", "kiwigrid/#"]);
        var before = await home.SnapshotAsync();
        var plant = before.Devices.First(d => d.Kind == DeviceKind.PVPlant && d.GetBool(TagNames.StateVisibleIsSet) != false);
        await using (var earlier = await StartPublisherAsync(broker.Uri))
        {
            await earlier.HandleAsync(before, CancellationToken.None);
            await recorder.WaitForAsync(PublishedHome.FlowState);
        }

        // Someone else's config under the same node (no kiwigrid unique id) is not ours to delete.
        var foreign = PublishedHome.Config("hand_made");
        await recorder.PublishAsync(foreign, """{"name":"Hand made","state_topic":"x","unique_id":"mine"}""", retain: true);
        var plantConfigs = recorder.Messages.Select(m => m.Topic).Where(t => PublishedHome.IsConfigOf(t, plant)).ToHashSet();
        Assert.NotEmpty(plantConfigs);

        var now = await home.SnapshotAsync();
        var mark = recorder.Messages.Count;
        await using var next = await StartPublisherAsync(broker.Uri);
        await next.HandleAsync(now with { Devices = [.. now.Devices.Where(d => d.Guid != plant.Guid)] }, CancellationToken.None);
        await recorder.WaitForAsync(PublishedHome.FlowState, mark);

        // The retained configs reach the new publisher on its own schedule; the deletions follow them.
        foreach (var topic in plantConfigs)
        {
            await recorder.WaitForAsync(m => m.Topic == topic && m.Payload.Length == 0, mark);
        }

        await using var late = await TopicRecorder.StartAsync(broker.Uri, filters: ["homeassistant/#"]);
        var drained = await late.DrainAsync();
        var retained = late.Messages.Take(drained).Select(m => m.Topic).ToList();
        Assert.Empty(retained.Intersect(plantConfigs));
        Assert.Contains(foreign, retained);
        Assert.Contains(PublishedHome.Config("energy_flow_pv_power"), retained);
    }

    private static Device Without(Device device, string tag) =>
        new(device.Guid, device.DeviceClasses, device.Tags.Where(t => t.Key != tag).ToDictionary(t => t.Key, t => t.Value));

    private static void AssertSensor(ReceivedMessage config, string deviceClass, string stateClass, string unit, string stateTopic)
    {
        var json = config.Json;
        Assert.Equal(deviceClass, json.GetProperty("device_class").GetString());
        Assert.Equal(stateClass, json.GetProperty("state_class").GetString());
        Assert.Equal(unit, json.GetProperty("unit_of_measurement").GetString());
        Assert.Equal(stateTopic, json.GetProperty("state_topic").GetString());
        Assert.Equal(PublishedHome.Status, json.GetProperty("availability_topic").GetString());
        Assert.StartsWith("kiwigrid_erc05-000012345_", json.GetProperty("unique_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("{{ value_json.", json.GetProperty("value_template").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A value as the state topics publish it: to a tenth.</summary>
    private static double? Shown(double? value) => value is { } v ? DisplayPrecision.Tenth(v) : null;
}
