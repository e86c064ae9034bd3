using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// The cloud or an emulator. Every read logs in with a session of its own that ends with it, and a watch keeps its own
/// sessions so it can reconnect; so a command may read the devices once and then watch without an idle session beside.
/// </summary>
internal sealed class CloudSiteReader(Credentials credentials, KiwigridClientOptions options) : ISiteReader
{
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken)
    {
        await using var client = await KiwigridClient.ConnectAsync(credentials.UserName, credentials.Password, options, cancellationToken).ConfigureAwait(false);
        return await client.GetDevicesAsync(null, cancellationToken).ConfigureAwait(false);
    }

    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions watchOptions, CancellationToken cancellationToken) =>
        KiwigridClient.WatchAsync(credentials.UserName, credentials.Password, options, watchOptions, cancellationToken);

    /// <summary>
    /// The site's energy from the export backend (<see cref="KiwigridClient.GetEnergyHistoryAsync(DateTimeOffset, DateTimeOffset, HistoryResolution, CancellationToken)"/>),
    /// through a session of its own that ends with the call, so it can run beside a watch.
    /// </summary>
    public async Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution, CancellationToken cancellationToken)
    {
        await using var client = await KiwigridClient.ConnectAsync(credentials.UserName, credentials.Password, options, cancellationToken).ConfigureAwait(false);
        return await client.GetEnergyHistoryAsync(from, to, resolution, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
