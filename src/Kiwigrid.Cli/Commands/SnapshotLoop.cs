using System.Globalization;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// Runs a watch for a command: hands every snapshot on, tells the person on standard error in one line when a read
/// fails (the watch retries by itself) and when it is back, and stops after <c>--count</c> snapshots.
/// </summary>
internal static class SnapshotLoop
{
    public static async Task RunAsync(
        ISiteSource site,
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
                        console.WriteNote("Reconnected; changes since the last reading follow.");
                    }

                    onSnapshot(snapshot);
                    ReadingMemory.AfterReading(snapshot.IsFirst);
                    if (++seen >= count)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>The one line every watching command prints when a read fails and the watch goes on.</summary>
    public static string ConnectionLostNote(DeviceWatchInterrupted lost) => string.Create(
        CultureInfo.InvariantCulture,
        $"{WatchFailure.Summary(lost.Error)} ({lost.Error.Message.TrimEnd('.')}); reconnecting in {lost.RetryDelay.TotalSeconds:0.#} s (attempt {lost.Attempt}).");
}
