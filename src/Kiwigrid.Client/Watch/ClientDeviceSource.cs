using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>A cloud session as a watch's source; the watch owns it and disposes it when the connection is lost.</summary>
internal sealed class ClientDeviceSource(KiwigridClient client, DeviceQuery? query) : IDeviceSource
{
    /// <summary>The portal accepted the credentials and the bus opened: the server is the right one.</summary>
    public bool OpeningProvesServer => true;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) =>
        client.GetDevicesAsync(query, cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
