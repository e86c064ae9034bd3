using Kiwigrid.Cli.Commands;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// What <c>kiwigrid serve</c> says on stderr while it watches: the first reading, each interruption and recovery,
/// today's chart; and, with <c>--count</c>, when it has read enough.
/// </summary>
internal sealed class ServeConsoleObserver(CliConsole console, int? count) : ISiteWatchObserver
{
    private int _snapshots;

    public bool OnEvent(DeviceWatchEvent watchEvent, DeviceWatchOptions options)
    {
        switch (watchEvent)
        {
            case DeviceWatchInterrupted lost:
                console.WriteNote(SnapshotLoop.ConnectionLostNote(lost));
                break;
            case DeviceSnapshot snapshot:
                if (snapshot.IsFirst)
                {
                    console.WriteNote($"Watching {snapshot.Devices.Count} {(snapshot.Devices.Count == 1 ? "device" : "devices")} every {options.Interval.TotalSeconds} s; Ctrl+C stops.");
                }
                else if (snapshot.AfterReconnect)
                {
                    console.WriteNote("Reconnected.");
                }

                ReadingMemory.AfterReading(snapshot.IsFirst);

                return ++_snapshots < count || count is null;
        }

        return true;
    }

    public void Note(string line) => console.WriteNote(line);
}
