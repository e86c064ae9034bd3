using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// A SOLARWATT Energy Manager on the LAN, read over plain HTTP without a login (<see cref="LocalEnergyManagerClient"/>).
/// It answers with every device and tag now and can be watched by polling, but keeps no history and offers no
/// settings. Thread-safe.
/// </summary>
public sealed class LocalEnergyManagerSource : ISiteSource
{
    private readonly LocalEnergyManagerClient _client;
    private readonly Uri _baseUri;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a source for the Energy Manager at <paramref name="baseUri"/>; nothing is read yet.</summary>
    /// <param name="baseUri">The Energy Manager's address, e.g. <c>http://192.168.1.50</c>.</param>
    /// <param name="options">The HTTP handler, timeout, clock and size limit to use; null for the defaults.</param>
    /// <exception cref="ArgumentException">The address is not an absolute http or https address.</exception>
    public LocalEnergyManagerSource(Uri baseUri, KiwigridClientOptions? options = null)
    {
        _client = new LocalEnergyManagerClient(baseUri, options);
        _baseUri = baseUri;
        _timeProvider = (options ?? KiwigridClientOptions.Default).TimeProvider;
    }

    /// <inheritdoc />
    public string Description => $"the Energy Manager at {_baseUri}";

    /// <inheritdoc />
    public SiteCapabilities Capabilities =>
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.Watch;

    /// <inheritdoc />
    public Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        _client.GetEnergyFlowAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default) =>
        _client.GetDevicesAsync(cancellationToken);

    /// <summary>Not supported: an Energy Manager on the LAN serves only its values now.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("An Energy Manager on the LAN keeps no history; read it from the cloud instead.");

    /// <summary>Polls the Energy Manager as <see cref="LocalEnergyManagerWatch.WatchAsync"/> does, on the options' clock.</summary>
    /// <inheritdoc />
    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default) =>
        _client.WatchAsync(options, _timeProvider, cancellationToken);

    /// <summary>Not supported: the LAN device list does not say which tags may be changed.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("An Energy Manager on the LAN offers no settings here; change them in the SOLARWATT app or portal.");

    /// <summary>Not supported yet: an Energy Manager on the LAN is read-only for us.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("An Energy Manager on the LAN is read-only; change settings in the SOLARWATT app or portal.");

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
