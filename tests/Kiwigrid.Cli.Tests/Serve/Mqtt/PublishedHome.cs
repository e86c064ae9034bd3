using System.Text.Json;
using System.Text.RegularExpressions;
using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// The emulated home read through a real client session, as the serve command's watch reads it, plus what a test
/// needs to compare the broker's messages with it.
/// </summary>
internal sealed partial class PublishedHome : IAsyncDisposable
{
    public const string Node = "erc05-000012345";
    public const string FlowState = $"kiwigrid/{Node}/energy_flow/state";
    public const string Status = $"kiwigrid/{Node}/status";

    private readonly EmulatedHome _home = new();
    private bool _first = true;

    public EmulatedHome Home => _home;

    public static async Task<PublishedHome> StartAsync()
    {
        var published = new PublishedHome();
        await published._home.InitializeAsync();
        return published;
    }

    /// <summary>
    /// Reads every device now, as one watch snapshot. Each read has its own session: the emulator's clock jumps
    /// minutes between reads, which would time out a session kept open on the real clock.
    /// </summary>
    public async Task<DeviceSnapshot> SnapshotAsync()
    {
        await using var client = await KiwigridClient.ConnectAsync(
            _home.Emulator.UserName, _home.Emulator.Password, KiwigridClientOptions.ForServer(_home.Emulator.BaseUri));
        var devices = await client.GetDevicesAsync();
        var snapshot = new DeviceSnapshot(_home.Clock.GetUtcNow(), devices, [], _first, AfterReconnect: false);
        _first = false;
        return snapshot;
    }

    public static string DeviceState(Device device) => $"kiwigrid/{Node}/{Sanitized(device.Guid)}/state";

    public static string Config(string objectId) => $"homeassistant/sensor/{Node}/{objectId}/config";

    public static string DeviceConfig(Device device, string tag) => Config($"{Sanitized(device.Guid)}_{tag.ToLowerInvariant()}");

    public static bool IsConfigOf(string topic, Device device) =>
        topic.StartsWith($"homeassistant/sensor/{Node}/{Sanitized(device.Guid)}_", StringComparison.Ordinal);

    /// <summary>What Home Assistant would show: the config's value_template applied to a state payload.</summary>
    public static JsonElement Render(ReceivedMessage config, ReceivedMessage state)
    {
        var template = config.Json.GetProperty("value_template").GetString()!;
        var match = ValueJsonTemplate().Match(template);
        Assert.True(match.Success, $"unexpected value_template {template}");
        return state.Json.GetProperty(match.Groups[1].Value);
    }

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    private static string Sanitized(string guid) => Regex.Replace(guid.ToLowerInvariant(), "[^a-z0-9_-]", "_");

    [GeneratedRegex(@"^\{\{ value_json\.([A-Za-z_]+) \}\}$")]
    private static partial Regex ValueJsonTemplate();
}
