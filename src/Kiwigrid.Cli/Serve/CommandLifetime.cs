using Microsoft.Extensions.Hosting;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The web server's lifetime inside a command: the command handles Ctrl+C and SIGTERM (and its --count) and stops the
/// server by disposing it, so the host must neither wait for nor react to signals itself.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
