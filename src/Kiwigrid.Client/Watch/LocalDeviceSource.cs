using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Local;

namespace Kiwigrid.Client.Watch;

/// <summary>A local Energy Manager as a watch's source. Plain HTTP keeps no connection, so there is nothing to close.</summary>
internal sealed class LocalDeviceSource(LocalEnergyManagerClient client) : IDeviceSource
{
    /// <summary>Nothing is opened: only a first snapshot proves the address right.</summary>
    public bool OpeningProvesServer => false;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) =>
        client.GetDevicesAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
