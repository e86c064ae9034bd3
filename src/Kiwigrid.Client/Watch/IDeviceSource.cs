using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>One connection a watch reads devices through; disposed when the connection is lost or the watch ends.</summary>
internal interface IDeviceSource : IAsyncDisposable
{
    Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken);
}
