namespace Kiwigrid.Hosting;

/// <summary>The state of the server's watch: see <see cref="WatchStatus"/>.</summary>
internal enum WatchState
{
    Starting,
    Live,
    Interrupted,
}
