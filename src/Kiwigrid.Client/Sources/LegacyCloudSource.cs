using System.Text.Json.Nodes;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// The 2018 Kiwigrid cloud: portal login, SockJS event bus and the history export backend (or an emulator of them).
/// Every read logs in with a session of its own that ends with the read, and a watch keeps its own sessions so it can
/// reconnect; so one source may read, fetch history and watch at once without an idle session beside. Thread-safe.
/// </summary>
/// <remarks>
/// Settings: the event bus sends a tag's value, timestamp and version but nothing that says whether the owner may
/// change it, so this source offers only the owner's settings the device model documents — a battery's
/// <c>StateOfChargeMinimum</c>, an EV station's <c>ModeStation</c> and a plug's <c>ModeRelay</c> (as <c>ON</c>/<c>OFF</c>)
/// — where a device carries them. A change is written with <c>mergeDevice</c> and the tag's current version
/// (<c>oca</c>); a tag the cloud will not write comes back refused, never half-applied.
/// </remarks>
public sealed class LegacyCloudSource : ISiteSource, IZonedHistorySource, ISettingChangePreview
{
    private const string MergeAddress = "deviceservice.mergeDevice";

    private readonly string _userName;
    private readonly string _password;
    private readonly KiwigridClientOptions _options;

    /// <summary>Creates a source that logs in as <paramref name="userName"/> whenever it reads; nothing is opened yet.</summary>
    /// <param name="userName">The portal login.</param>
    /// <param name="password">The portal password; kept in memory for every login, never logged.</param>
    /// <param name="options">Hosts, timeouts, clock and logging; null for <see cref="KiwigridClientOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">A credential is empty.</exception>
    public LegacyCloudSource(string userName, string password, KiwigridClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        _userName = userName;
        _password = password;
        _options = options ?? KiwigridClientOptions.Default;
    }

    /// <inheritdoc />
    public string Description => $"the Kiwigrid cloud at {_options.AuthBaseUri}";

    /// <inheritdoc />
    public SiteCapabilities Capabilities =>
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.History | SiteCapabilities.Watch
        | SiteCapabilities.Settings | SiteCapabilities.Control;

    /// <inheritdoc />
    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            return await client.GetEnergyFlowAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            return await client.GetDevicesAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The site's energy from the export backend, with intervals in UTC.</summary>
    /// <inheritdoc />
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        GetEnergyHistoryAsync(start, until, resolution, TimeZoneInfo.Utc, progress: null, cancellationToken);

    /// <inheritdoc />
    public async Task<HistoryTable> GetEnergyHistoryAsync(
        DateTimeOffset start,
        DateTimeOffset until,
        HistoryResolution resolution,
        TimeZoneInfo timeZone,
        IProgress<HistoryProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            return await client.GetEnergyHistoryAsync(start, until, resolution, timeZone, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default) =>
        KiwigridClient.WatchAsync(_userName, _password, _options, options, cancellationToken);

    /// <summary>The settings of the devices that carry them (see the remarks on <see cref="LegacyCloudSource"/>).</summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        SettingsOf(await GetDevicesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Writes the setting's tag with <c>mergeDevice</c>, then reads the device back every
    /// <see cref="KiwigridClientOptions.SettingReadBackInterval"/> until it shows the value or
    /// <see cref="KiwigridClientOptions.SettingReadBackTimeout"/> has passed (a read-back that loses its session logs in
    /// again for the next).
    /// </summary>
    /// <inheritdoc />
    public async Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default)
    {
        KiwigridClient? client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (before, normalized, write) = await CheckAsync(client, deviceId, setting, value, cancellationToken).ConfigureAwait(false);
            var result = await client.SetTagValuesAsync(before.DeviceId, new Dictionary<string, TagWrite> { [before.Name] = write }, cancellationToken)
                .ConfigureAwait(false);
            if (result.Failed.TryGetValue(before.Name, out var failed))
            {
                throw new KiwigridServiceException(
                    $"The Kiwigrid cloud refused to set {before.Name} of {before.DeviceName}{(failed.Reason is { } reason ? ": " + reason : "")}.");
            }

            async Task<SiteSetting> ReadBackAsync(CancellationToken ct)
            {
                try
                {
                    client ??= await ConnectAsync(ct).ConfigureAwait(false);
                    var device = await client.GetDeviceAsync(before.DeviceId, ct).ConfigureAwait(false)
                        ?? throw new KiwigridServiceException($"{before.DeviceName} is no longer listed by the Kiwigrid cloud.");
                    return SettingLookup.Find([.. LegacySettings.Of(device)], before.DeviceId, before.Name);
                }
                catch (KiwigridException) when (client is not null)
                {
                    // The session may be gone (a cut socket, a restarted server): the next round logs in afresh.
                    await client.DisposeAsync().ConfigureAwait(false);
                    client = null;
                    throw;
                }
            }

            return await SettingReadBack.RunAsync(
                before, normalized, ReadBackAsync, _options.SettingReadBackTimeout, _options.SettingReadBackInterval, _options.TimeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<SettingRequest> PreviewChangeAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var (before, _, write) = await CheckAsync(client, deviceId, setting, value, cancellationToken).ConfigureAwait(false);
            var tag = new JsonObject { ["value"] = write.Value?.DeepClone() };
            if (write.Oca is { } oca)
            {
                tag["oca"] = oca;
            }

            var parameters = new JsonObject { ["deviceId"] = before.DeviceId, ["tagValues"] = new JsonObject { [before.Name] = tag } };
            return new SettingRequest("send", MergeAddress, parameters.ToJsonString());
        }
    }

    private static List<SiteSetting> SettingsOf(IEnumerable<Device> devices) => [.. devices.SelectMany(LegacySettings.Of)];

    private static async Task<(SiteSetting Before, string Value, TagWrite Write)> CheckAsync(
        KiwigridClient client, string deviceId, string setting, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var devices = await client.GetDevicesAsync(null, cancellationToken).ConfigureAwait(false);
        var before = SettingLookup.Find(SettingsOf(devices), deviceId, setting);
        var normalized = before.Normalize(value);
        var oca = devices.First(d => d.Guid == before.DeviceId).GetTag(before.Name)?.Oca;
        return (before, normalized, new TagWrite(LegacySettings.Value(before, normalized), oca));
    }

    /// <summary>Nothing to close: every read's session ends with it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Never shows the password, should the source end up in a message.</summary>
    public override string ToString() => $"{Description} as {_userName}";

    private Task<KiwigridClient> ConnectAsync(CancellationToken cancellationToken) =>
        KiwigridClient.ConnectAsync(_userName, _password, _options, cancellationToken);
}
