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
/// Not <see cref="SiteCapabilities.Settings"/>: the event bus sends a tag's value, timestamp and version but nothing
/// that says whether the owner may change it, and the only list of writable tags we have is the emulator's own
/// guess, so this source claims no settings rather than list ones that might be refused.
/// </remarks>
public sealed class LegacyCloudSource : ISiteSource, IZonedHistorySource
{
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
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.History | SiteCapabilities.Watch;

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

    /// <summary>Not supported: see the remarks on <see cref="LegacyCloudSource"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The Kiwigrid cloud does not say which of a device's tags its owner may change, so it offers no settings here.");

    /// <summary>Not supported yet: see the remarks on <see cref="LegacyCloudSource"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The Kiwigrid cloud offers no settings here.");

    /// <summary>Nothing to close: every read's session ends with it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Never shows the password, should the source end up in a message.</summary>
    public override string ToString() => $"{Description} as {_userName}";

    private Task<KiwigridClient> ConnectAsync(CancellationToken cancellationToken) =>
        KiwigridClient.ConnectAsync(_userName, _password, _options, cancellationToken);
}
