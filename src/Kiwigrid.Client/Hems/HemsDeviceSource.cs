using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// Today's cloud as a watch's source. Plain HTTP keeps no connection to lose, so there is nothing to close; the
/// session renews its token and logs in again by itself.
/// </summary>
internal sealed class HemsDeviceSource(HemsSiteSource site) : IDeviceSource
{
    /// <summary>
    /// Only once the OneID login succeeded are the server and the credentials right; a session that logs in on its
    /// first read (<see cref="HemsClient.Create"/>) has proved nothing yet.
    /// </summary>
    public bool OpeningProvesServer => site.Client.HasLoggedIn;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => site.GetDevicesAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
