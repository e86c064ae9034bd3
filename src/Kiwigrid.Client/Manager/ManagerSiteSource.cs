using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// A SOLARWATT Manager flex or rail on the LAN as an <see cref="ISiteSource"/>: logged in with the gateway's user and
/// password (a session renewed by itself), read through whichever API its firmware speaks (<see cref="Api"/>, found on
/// the first read), as Kiwigrid devices: the Location with the site's flows, the battery converter, the PV plant, the
/// inverters and the meter. It keeps no history and offers no settings. Thread-safe.
/// </summary>
public sealed class ManagerSiteSource : ISiteSource
{
    private const int Unknown = -1;

    /// <summary>The newer API first: older firmware answers 404 there.</summary>
    private static readonly ManagerApi[] DetectionOrder = [ManagerApi.EnergyOverview, ManagerApi.OpenHabItems];

    /// <summary>How long the things (the devices' names and ids, which change only when an installer adds one) are reused.</summary>
    private static readonly TimeSpan ThingsLifetime = TimeSpan.FromMinutes(15);

    private readonly ManagerSession _session;
    private readonly ManagerClientOptions _options;
    private int _api = Unknown;
    private CachedThings? _things;

    /// <summary>Creates a source for the Manager at <paramref name="address"/>; nothing is sent until the first read.</summary>
    /// <param name="address">The Manager's address, e.g. <c>http://192.168.1.20</c> (only its origin is used).</param>
    /// <param name="username">The gateway's user, often <c>installer</c>.</param>
    /// <param name="password">The gateway password; kept in memory to log in again, never logged.</param>
    /// <param name="options">Timeouts, TLS trust, clock and logging; null for <see cref="ManagerClientOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The address is not an absolute http or https address, or a credential is empty.</exception>
    public ManagerSiteSource(Uri address, string username, string password, ManagerClientOptions? options = null)
    {
        _options = options ?? ManagerClientOptions.Default;
        _session = new ManagerSession(address, username, password, _options);
    }

    /// <summary>The Manager's origin.</summary>
    public Uri Address => _session.Http.Origin;

    /// <summary>The API the firmware speaks, once a read or <see cref="DetectApiAsync"/> found it out; null before.</summary>
    public ManagerApi? Api => Volatile.Read(ref _api) is var api and not Unknown ? (ManagerApi)api : null;

    /// <summary>
    /// The SHA-256 fingerprint (<c>AB:CD:…</c>) of the HTTPS certificate accepted although no authority vouches for it:
    /// the pinned one, or the one trust on first use pinned; null while there is none.
    /// </summary>
    public string? PinnedCertificateFingerprint => _session.Http.Certificates.PinnedFingerprint;

    /// <inheritdoc />
    public string Description => Api switch
    {
        ManagerApi.EnergyOverview => $"the SOLARWATT Manager at {_session.Http.OriginText} (energy overview API)",
        ManagerApi.OpenHabItems => $"the SOLARWATT Manager at {_session.Http.OriginText} (openHAB items API of older firmware)",
        _ => $"the SOLARWATT Manager at {_session.Http.OriginText}",
    };

    /// <summary>The energy flow, the devices and a watch: the Manager's local API shows a summary, no history, no settings.</summary>
    public SiteCapabilities Capabilities => SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.Watch;

    internal ManagerSession Session => _session;

    /// <summary>Logs in and finds out which API the firmware speaks: the energy overview, else openHAB's items.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="KiwigridAuthenticationException">The Manager refused the user name or password.</exception>
    /// <exception cref="KiwigridProtocolException">The device is no SOLARWATT Manager, or its firmware speaks neither API.</exception>
    /// <exception cref="KiwigridServiceException">The Manager answered with an HTTP error (its login too often with a 5xx).</exception>
    /// <exception cref="KiwigridConnectionException">The Manager could not be reached.</exception>
    /// <exception cref="KiwigridCertificateException">Its HTTPS certificate is neither vouched for nor pinned.</exception>
    /// <exception cref="KiwigridTimeoutException">It did not answer in time.</exception>
    public async Task<ManagerApi> DetectApiAsync(CancellationToken cancellationToken = default) =>
        Api ?? (await ReadAsync(cancellationToken).ConfigureAwait(false)).Api;

    /// <inheritdoc />
    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        EnergyFlow.From(await GetDevicesAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Devices;

    /// <summary>Not supported: the Manager's local API serves only its values now.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A SOLARWATT Manager on the LAN keeps no history here; read it from today's SOLARWATT cloud instead.");

    /// <summary>
    /// Polls the devices every <see cref="DeviceWatchOptions.Interval"/> and reports each snapshot with what changed; the
    /// session renews itself, an outage is reported as <see cref="DeviceWatchInterrupted"/> and ridden out with backoff,
    /// a login refused after the first snapshot ends the watch with its error.
    /// </summary>
    /// <param name="options">Interval and backoff; <see cref="DeviceWatchOptions.Query"/> is ignored.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var source = new PolledDeviceSource(GetDevicesAsync, () => Session.HasLoggedIn);
        var loop = new DeviceWatchLoop(
            KiwigridTelemetry.Sources.Manager,
            _ => Task.FromResult<IDeviceSource>(source),
            options,
            _options.TimeProvider,
            new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay, Random.Shared.NextDouble),
            _options.LoggerFactory.CreateLogger<DeviceWatchLoop>());
        return loop.RunAsync(cancellationToken);
    }

    /// <summary>Not supported: the Manager's local API offers no settings to us.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A SOLARWATT Manager on the LAN offers no settings here; change them in the SOLARWATT app or portal.");

    /// <summary>Not supported: a Manager on the LAN is read-only for us.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A SOLARWATT Manager on the LAN is read-only; change settings in the SOLARWATT app or portal.");

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads the devices through the API found before, or finds it: the energy overview first, else openHAB's items. An
    /// API that has gone (404 after a firmware update) is looked for afresh once.
    /// </summary>
    private async Task<(ManagerApi Api, IReadOnlyList<Device> Devices)> ReadAsync(CancellationToken cancellationToken)
    {
        if (Api is { } known && await ReadThroughAsync(known, cancellationToken).ConfigureAwait(false) is { } devices)
        {
            return (known, devices);
        }

        foreach (var api in DetectionOrder)
        {
            if (await ReadThroughAsync(api, cancellationToken).ConfigureAwait(false) is { } found)
            {
                Volatile.Write(ref _api, (int)api);
                return (api, found);
            }
        }

        throw new KiwigridProtocolException($"The SOLARWATT Manager at {_session.Http.OriginText} answers neither {ManagerEnergyOverview.Path} nor {OpenHabItem.Path} (HTTP 404), so its firmware speaks an API kiwigrid does not know yet.");
    }

    /// <summary>The devices through one API; null when the Manager does not have it (404).</summary>
    private async Task<IReadOnlyList<Device>?> ReadThroughAsync(ManagerApi api, CancellationToken cancellationToken)
    {
        if (api == ManagerApi.EnergyOverview)
        {
            if (await _session.GetJsonAsync(ManagerEnergyOverview.Path, cancellationToken).ConfigureAwait(false) is not { } overview)
            {
                return null;
            }

            return ManagerDeviceModel.FromEnergyOverview(
                ManagerEnergyOverview.Parse(overview),
                await ThingsAsync(api, ManagerThing.ConfiguratorPath, cancellationToken).ConfigureAwait(false));
        }

        if (await _session.GetJsonAsync(OpenHabItem.Path, cancellationToken).ConfigureAwait(false) is not { } items)
        {
            return null;
        }

        return ManagerDeviceModel.FromItems(
            OpenHabItem.ParseList(items),
            await ThingsAsync(api, ManagerThing.OpenHabPath, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The API's things, read afresh only every <see cref="ThingsLifetime"/> (or when the API changed): each poll reads
    /// the values alone, one request instead of two.
    /// </summary>
    private async Task<IReadOnlyList<ManagerThing>> ThingsAsync(ManagerApi api, string path, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        if (Volatile.Read(ref _things) is { } cached && cached.Api == api && now - cached.ReadAt < ThingsLifetime)
        {
            return cached.Things;
        }

        var body = await _session.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ManagerThing> things = body is null ? [] : ManagerThing.ParseList(body, path);
        Volatile.Write(ref _things, new CachedThings(api, now, things));
        return things;
    }

    private sealed record CachedThings(ManagerApi Api, DateTimeOffset ReadAt, IReadOnlyList<ManagerThing> Things);
}
