using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Connection;

/// <summary>A SOLARWATT Energy Manager on the LAN, read over plain HTTP without a login.</summary>
internal sealed class LocalSiteReader(Uri baseUri, TimeProvider timeProvider) : ISiteReader
{
    private readonly LocalEnergyManagerClient _client = new(baseUri);

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) =>
        _client.GetDevicesAsync(cancellationToken);

    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken) =>
        _client.WatchAsync(options, timeProvider, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
