namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// A host lifetime that leaves signals alone. ASP.NET's default one stops the app on SIGINT/SIGTERM, which would end
/// an embedded emulator (the CLI's demo) under its owner's feet; whoever embeds it stops it by disposing it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
