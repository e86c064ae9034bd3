using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Local;

namespace Kiwigrid.Client.Watch;

/// <summary>A local Energy Manager as a watch's source. Plain HTTP keeps no connection, so there is nothing to close.</summary>
internal sealed class LocalDeviceSource(LocalEnergyManagerClient client) : IDeviceSource
{
    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) =>
        client.GetDevicesAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
