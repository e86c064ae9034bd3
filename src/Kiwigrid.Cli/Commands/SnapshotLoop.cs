using System.Globalization;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// Runs a watch for a command: hands every snapshot on, tells the person on standard error when the connection is
/// lost and back, and stops after <c>--count</c> snapshots.
/// </summary>
internal static class SnapshotLoop
{
    public static async Task RunAsync(
        ISiteReader site,
        DeviceWatchOptions options,
        int? count,
        CliConsole console,
        Action<DeviceSnapshot> onSnapshot,
        CancellationToken cancellationToken)
    {
        var seen = 0;
        await foreach (var watchEvent in site.WatchAsync(options, cancellationToken).ConfigureAwait(false))
        {
            switch (watchEvent)
            {
                case DeviceWatchInterrupted lost:
                    console.WriteNote(ConnectionLostNote(lost));
                    break;
                case DeviceSnapshot snapshot:
                    if (snapshot.AfterReconnect)
                    {
                        console.WriteNote("Reconnected; changes since the connection was lost follow.");
                    }

                    onSnapshot(snapshot);
                    if (++seen >= count)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>The one line every watching command prints when the watch loses its connection.</summary>
    public static string ConnectionLostNote(DeviceWatchInterrupted lost) => string.Create(
        CultureInfo.InvariantCulture,
        $"Connection lost ({lost.Error.Message.TrimEnd('.')}); reconnecting in {lost.RetryDelay.TotalSeconds:0.#} s (attempt {lost.Attempt}).");
}
