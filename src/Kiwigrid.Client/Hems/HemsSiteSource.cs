using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// Today's SOLARWATT cloud (HEMS API) as an <see cref="ISiteSource"/>: devices in the Kiwigrid model built from the
/// API's answers (the Location with the site's flows, batteries, PV plants, EV stations, plugs, smart heaters),
/// history from the analytics, a watch by polling, and the devices' optimization settings, which it can change. The
/// HEMS API keeps only a summary, so devices do not carry every tag (<see cref="SiteCapabilities.AllTags"/> is missing).
/// </summary>
public sealed class HemsSiteSource : ISiteSource, ISettingChangePreview
{
    private const string OptimizationMode = "optimization_mode";
    private const string SwitchState = "switch_state";

    private readonly HemsClient _client;
    private readonly Func<CancellationToken, Task<IReadOnlyList<TagValue>>>? _extraLocationTags;

    /// <summary>Wraps a session; the source owns it and disposes it.</summary>
    /// <param name="client">A logged-in session.</param>
    /// <param name="extraLocationTags">
    /// Further tags of the Location, asked for on every device read, e.g. lifetime counters (<c>WorkProduced</c> …)
    /// kept elsewhere; they replace tags of the same name. Null for none.
    /// </param>
    public HemsSiteSource(HemsClient client, Func<CancellationToken, Task<IReadOnlyList<TagValue>>>? extraLocationTags = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _extraLocationTags = extraLocationTags;
    }

    /// <summary>The session the source reads through.</summary>
    public HemsClient Client => _client;

    /// <inheritdoc />
    public string Description => $"today's SOLARWATT cloud at {_client.Options.ApiUri.AbsoluteUri.TrimEnd('/')}";

    /// <inheritdoc />
    public SiteCapabilities Capabilities =>
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.History | SiteCapabilities.Watch | SiteCapabilities.Settings
        | SiteCapabilities.Control;

    /// <summary>Logs in through SOLARWATT OneID and returns the source (see <see cref="HemsClient.ConnectAsync"/>).</summary>
    /// <param name="username">The SOLARWATT login (e-mail).</param>
    /// <param name="password">The password; kept in memory to log in again, never logged.</param>
    /// <param name="options">Hosts, timeouts, clock and logging; null for <see cref="HemsClientOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    public static async Task<HemsSiteSource> ConnectAsync(string username, string password, HemsClientOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await HemsClient.ConnectAsync(username, password, options, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        EnergyFlow.From(await GetDevicesAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default)
    {
        var flow = _client.GetEnergyFlowAsync(cancellationToken);
        var batteries = _client.GetBatteriesAsync(cancellationToken);
        var plants = _client.GetPvPlantsAsync(cancellationToken);
        var stations = _client.GetEvStationsAsync(cancellationToken);
        var plugs = _client.GetPlugsAsync(cancellationToken);
        var heaters = _client.GetSmartHeatersAsync(cancellationToken);
        var consumers = _client.GetConsumersAsync(cancellationToken);
        var extra = _extraLocationTags?.Invoke(cancellationToken) ?? Task.FromResult<IReadOnlyList<TagValue>>([]);
        await Task.WhenAll(flow, batteries, plants, stations, plugs, heaters, consumers, extra).ConfigureAwait(false);
        var site = new HemsSiteSnapshot(await flow.ConfigureAwait(false), await batteries.ConfigureAwait(false), await plants.ConfigureAwait(false),
            await stations.ConfigureAwait(false), await plugs.ConfigureAwait(false), await heaters.ConfigureAwait(false), await consumers.ConfigureAwait(false));
        return HemsDeviceModel.Build(site, await extra.ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        _client.GetEnergyHistoryAsync(start, until, resolution, cancellationToken);

    /// <summary>
    /// Polls the devices every <see cref="DeviceWatchOptions.Interval"/> and reports each snapshot with what changed,
    /// as the other sources do: an outage (unreachable, timeouts, 5xx) is reported as <see cref="DeviceWatchInterrupted"/>
    /// and ridden out with backoff; a login refused on renewal ends the watch with its error.
    /// </summary>
    /// <param name="options">Interval and backoff; <see cref="DeviceWatchOptions.Query"/> is ignored.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // A session that logs in on its first read (HemsClient.Create) has proved nothing until the login succeeded.
        var source = new PolledDeviceSource(GetDevicesAsync, () => _client.HasLoggedIn);
        var loop = new DeviceWatchLoop(
            KiwigridTelemetry.Sources.Hems,
            _ => Task.FromResult<IDeviceSource>(source),
            options,
            _client.Options.TimeProvider,
            new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay, Random.Shared.NextDouble),
            _client.Options.LoggerFactory.CreateLogger<DeviceWatchLoop>());
        return loop.RunAsync(cancellationToken);
    }

    /// <summary>
    /// The devices' optimization mode (<c>optimization_mode</c>, with the modes each device takes) and, where a device
    /// can be switched, its switch state (<c>switch_state</c>, <c>ON</c>/<c>OFF</c>), from <c>/device/optimization</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        var settings = new List<SiteSetting>();
        foreach (var device in await _client.GetDeviceOptimizationsAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = device.Name ?? device.Id;
            settings.Add(new SiteSetting(device.Id, name, OptimizationMode, SettingKind.Choice, device.Mode, device.SupportedModes));
            if (device.SupportsSwitching == true)
            {
                settings.Add(new SiteSetting(device.Id, name, SwitchState, SettingKind.Switch, device.SwitchState, ["ON", "OFF"]));
            }
        }

        return settings;
    }

    /// <summary>
    /// Changes a device's <c>optimization_mode</c> (<c>PATCH …/optimization/config</c>) or <c>switch_state</c>
    /// (<c>PUT …/optimization/state</c>), then reads <c>/device/optimization</c> back every
    /// <see cref="HemsClientOptions.SettingReadBackInterval"/> until it shows the new value or
    /// <see cref="HemsClientOptions.SettingReadBackTimeout"/> has passed.
    /// </summary>
    /// <inheritdoc />
    public async Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default)
    {
        var (before, normalized) = await CheckAsync(deviceId, setting, value, cancellationToken).ConfigureAwait(false);
        if (before.Name == SwitchState)
        {
            await _client.SetSwitchStateAsync(before.DeviceId, normalized == "ON", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _client.SetOptimizationModeAsync(before.DeviceId, normalized, cancellationToken).ConfigureAwait(false);
        }

        var options = _client.Options;
        return await SettingReadBack.RunAsync(
            before,
            normalized,
            async ct => SettingLookup.Find(await GetSettingsAsync(ct).ConfigureAwait(false), before.DeviceId, before.Name),
            options.SettingReadBackTimeout,
            options.SettingReadBackInterval,
            options.TimeProvider,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SettingRequest> PreviewChangeAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default)
    {
        var (before, normalized) = await CheckAsync(deviceId, setting, value, cancellationToken).ConfigureAwait(false);
        return before.Name == SwitchState
            ? _client.SwitchStateRequest(before.DeviceId, normalized == "ON")
            : _client.OptimizationModeRequest(before.DeviceId, normalized);
    }

    private async Task<(SiteSetting Before, string Value)> CheckAsync(string deviceId, string setting, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var before = SettingLookup.Find(await GetSettingsAsync(cancellationToken).ConfigureAwait(false), deviceId, setting);
        return (before, before.Normalize(value));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
