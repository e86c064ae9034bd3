using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>
/// A cloud session as a watch's source; the watch owns the session and disposes it when the connection is lost.
/// </summary>
/// <param name="read">Reads every device once over the session.</param>
/// <param name="session">The session <paramref name="read"/> uses.</param>
internal sealed class SessionDeviceSource(Func<CancellationToken, Task<IReadOnlyList<Device>>> read, IAsyncDisposable session) : IDeviceSource
{
    /// <summary>The portal accepted the credentials and the bus opened: the server is the right one.</summary>
    public bool OpeningProvesServer => true;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => read(cancellationToken);

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
