using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client;

public sealed partial class KiwigridClient
{
    /// <summary>The devices a query selects (all devices when null), fetched page by page until complete.</summary>
    /// <exception cref="KiwigridServiceException">The device service answered an error.</exception>
    public Task<IReadOnlyList<Device>> GetDevicesAsync(DeviceQuery? query = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _devices.GetDevicesAsync(query ?? DeviceQuery.All, cancellationToken);
    }

    /// <summary>The device with this guid, or null if there is none.</summary>
    public async Task<Device?> GetDeviceAsync(string guid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(guid);
        ThrowIfDisposed();
        var devices = await _devices.GetDevicesAsync(DeviceQuery.ForGuid(guid) with { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return devices.Count == 0 ? null : devices[0];
    }

    /// <summary>The site's energy flow now: PV, house, battery, grid, self-sufficiency.</summary>
    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var devices = await _devices.GetDevicesAsync(DeviceQuery.All, cancellationToken).ConfigureAwait(false);
        return EnergyFlow.From(devices);
    }

    /// <summary>
    /// Writes tag values of one device. Each write carries the <c>oca</c> read before; the server rejects stale
    /// versions and read-only tags, which the result lists instead of throwing.
    /// </summary>
    public Task<MergeResult> SetTagValuesAsync(string guid, IReadOnlyDictionary<string, TagWrite> values, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(guid);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Name at least one tag to write.", nameof(values));
        }

        ThrowIfDisposed();
        return _devices.MergeDeviceAsync(guid, values, cancellationToken);
    }

    /// <summary>Deletes a device from the portal.</summary>
    public Task DeleteDeviceAsync(string guid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(guid);
        ThrowIfDisposed();
        return _devices.DeleteDeviceAsync(guid, cancellationToken);
    }
}
