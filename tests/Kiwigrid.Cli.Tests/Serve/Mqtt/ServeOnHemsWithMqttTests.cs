using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>Home Assistant sees the same entities whichever cloud <c>serve</c> reads.</summary>
public sealed class ServeOnHemsWithMqttTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-serve-mqtt-state-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Broker)]
    public async Task Discovery_on_today_s_cloud_announces_the_site_entities_of_the_2018_cloud_with_the_same_ids_and_names()
    {
        var legacy = await SiteEntitiesAsync(server => ["--cloud", "legacy", "--server", server]);
        var hems = await SiteEntitiesAsync(server => ["--server", server, "--state-dir", _stateDir]);

        Assert.Contains(legacy, e => e.Contains("_pv_power |", StringComparison.Ordinal));
        Assert.Contains(legacy, e => e.Contains("_pv_energy |", StringComparison.Ordinal) || e.Contains("_energy_produced |", StringComparison.Ordinal) || e.Contains("energy", StringComparison.Ordinal));
        Assert.Equal(legacy, hems);
    }

    /// <summary>The site's sensors (not a device's) serve announces: unique id and name, sorted.</summary>
    private static async Task<List<string>> SiteEntitiesAsync(Func<string, string[]> connection)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var recorder = await TopicRecorder.StartAsync(broker.Uri, null, "homeassistant/#", "kiwigrid/#");
        await using var served = await ServedHome.StartAsync(connection, null, "--mqtt", broker.Uri.ToString());
        await served.WaitForFirstSnapshotAsync();
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/energy_flow/state", StringComparison.Ordinal));
        await recorder.DrainAsync();
        return [.. recorder.Messages
            .Where(m => m.Topic.StartsWith("homeassistant/sensor/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal)
                && m.Payload.Length > 0 && m.Json.GetProperty("state_topic").GetString()!.EndsWith("/energy_flow/state", StringComparison.Ordinal))
            .Select(m => $"{m.Json.GetProperty("unique_id").GetString()} | {m.Json.GetProperty("name").GetString()}")
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }
}
