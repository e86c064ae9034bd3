using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>
/// A source read over plain HTTP as a watch's source (the LAN Energy Manager, the Manager flex, today's cloud): no
/// connection is kept, so there is nothing to open or close; a session, where there is one, renews itself.
/// </summary>
/// <param name="read">Reads every device once.</param>
/// <param name="loginSucceeded">
/// Whether a login has proved the address and the credentials right; null for a source without a login, which only a
/// first snapshot proves.
/// </param>
internal sealed class PolledDeviceSource(Func<CancellationToken, Task<IReadOnlyList<Device>>> read, Func<bool>? loginSucceeded = null) : IDeviceSource
{
    public bool OpeningProvesServer => loginSucceeded?.Invoke() ?? false;

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken) => read(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
