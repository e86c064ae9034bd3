using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Manager;

/// <summary>A Manager as a watch's source: the session renews itself, so there is nothing to open or close.</summary>
internal sealed class ManagerDeviceSource(ManagerSiteSource site) : IDeviceSource
{
    /// <summary>Only a login that succeeded proves the address and the credentials.</summary>
    public bool OpeningProvesServer => site.Session.HasLoggedIn;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => site.GetDevicesAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
