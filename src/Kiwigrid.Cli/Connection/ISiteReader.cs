using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Connection;

/// <summary>A site a command reads: the cloud (or an emulator) after logging in, or a local Energy Manager.</summary>
internal interface ISiteReader : IAsyncDisposable
{
    /// <summary>Every device with every tag.</summary>
    Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken);

    /// <summary>The devices live, riding out lost connections.</summary>
    IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken);
}
