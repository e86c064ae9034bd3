using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// Today's cloud as a watch's source. The session logged in before the watch began, and plain HTTP keeps no
/// connection to lose, so there is nothing to close; the session renews its token and logs in again by itself.
/// </summary>
internal sealed class HemsDeviceSource(HemsSiteSource site) : IDeviceSource
{
    /// <summary>The OneID login succeeded: the server and the credentials are right.</summary>
    public bool OpeningProvesServer => true;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => site.GetDevicesAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
