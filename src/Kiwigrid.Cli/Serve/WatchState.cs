namespace Kiwigrid.Cli.Serve;

/// <summary>The state of the server's watch: see <see cref="WatchStatus"/>.</summary>
internal enum WatchState
{
    Starting,
    Live,
    Interrupted,
}
