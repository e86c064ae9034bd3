using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Watch;

/// <summary>One connection a watch reads devices through; disposed when the connection is lost or the watch ends.</summary>
internal interface IDeviceSource : IAsyncDisposable
{
    /// <summary>
    /// Whether opening this source already proved the server and the credentials (a cloud login), so that a failure
    /// of its first read is an outage to ride out rather than the caller's mistake.
    /// </summary>
    bool OpeningProvesServer { get; }

    Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken);
}
