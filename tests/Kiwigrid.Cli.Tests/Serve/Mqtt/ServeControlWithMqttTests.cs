using System.Net.Http.Headers;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// <c>serve --mqtt --allow-control</c> on today's cloud in the emulator, through a real Mosquitto: Home Assistant's
/// select changes the optimisation mode and the state topic echoes what the cloud read back.
/// </summary>
public sealed class ServeControlWithMqttTests : IDisposable
{
    private const string Token = "0123456789abcdef-kitchen";
    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-serve-mqtt-state-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Broker)]
    public async Task A_select_command_changes_the_mode_in_the_cloud_and_the_state_topic_echoes_the_read_back()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, null, "homeassistant/#", "kiwigrid/#");
        await using var served = await ServedHome.StartAsync(
            server => ["--server", server, "--state-dir", _stateDir],
            new Dictionary<string, string> { [ServeAccess.TokenVariable] = "kitchen:" + Token },
            "--mqtt", broker.Uri.ToString(), "--allow-control");
        served.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await served.WaitForFirstSnapshotAsync();

        var select = (await recorder.WaitForAsync(m => m.Topic.StartsWith("homeassistant/select/", StringComparison.Ordinal) && m.Payload.Length > 0
            && m.Json.GetProperty("options").GetArrayLength() > 1)).Json;
        var stateTopic = select.GetProperty("state_topic").GetString()!;
        var key = select.GetProperty("value_template").GetString()!.Split('.')[1].Split(' ')[0];
        var state = await recorder.WaitForAsync(stateTopic);
        var current = state.Json.GetProperty(key).GetString();
        var target = select.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).First(o => o != current);

        var from = recorder.Messages.Count;
        await recorder.PublishAsync(select.GetProperty("command_topic").GetString()!, target);

        await recorder.WaitForAsync(m => m.Topic == stateTopic && m.Json.GetProperty(key).GetString() == target, from);
        var settings = await served.GetJsonAsync("api/settings");
        Assert.Contains(settings.EnumerateArray(), s => s.GetProperty("setting").GetString() == key && s.GetProperty("value").GetString() == target);
    }
}
