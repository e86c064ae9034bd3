using System.Runtime.CompilerServices;
using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Hosting.Sources;

/// <summary>
/// A device on the LAN that is asked what it is on first use (a host starts before the device may be reachable):
/// a classic Energy Manager, or a Manager flex/rail logged in to with the configured gateway user. A failed probe is
/// asked again on the next read.
/// </summary>
internal sealed class LanSiteSource(Uri address, string userName, string? password, ManagerClientOptions options) : ISiteSource
{
    private readonly SemaphoreSlim _probing = new(1, 1);
    private ISiteSource? _device;

    public string Description => _device?.Description ?? $"the device at {address.GetLeftPart(UriPartial.Authority)}";

    public SiteCapabilities Capabilities =>
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.Watch;

    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        await (await DeviceAsync(cancellationToken)).GetEnergyFlowAsync(cancellationToken);

    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default) =>
        await (await DeviceAsync(cancellationToken)).GetDevicesAsync(cancellationToken);

    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description} keeps no history.");

    public async IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var device = await DeviceAsync(cancellationToken);
        await foreach (var watchEvent in device.WatchAsync(options, cancellationToken))
        {
            yield return watchEvent;
        }
    }

    public Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description} is read-only.");

    public Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description} is read-only.");

    public async ValueTask DisposeAsync()
    {
        if (_device is not null)
        {
            await _device.DisposeAsync();
        }

        _probing.Dispose();
    }

    private async Task<ISiteSource> DeviceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _device) is { } known)
        {
            return known;
        }

        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (_device is null)
            {
                var kind = await LanDeviceProbe.DetectAsync(address, options, cancellationToken);
                _device = kind == LanDeviceKind.EnergyManager
                    ? new LocalEnergyManagerSource(address, KiwigridClientOptions.Default with { TimeProvider = options.TimeProvider, LoggerFactory = options.LoggerFactory })
                    : new ManagerSiteSource(address, userName, password ?? throw new KiwigridSetupException(
                        $"The device at {address.GetLeftPart(UriPartial.Authority)} is a SOLARWATT Manager; set its gateway password in Kiwigrid:Source:Password or Kiwigrid:Source:PasswordFile."), options);
            }

            return _device;
        }
        finally
        {
            _probing.Release();
        }
    }
}
