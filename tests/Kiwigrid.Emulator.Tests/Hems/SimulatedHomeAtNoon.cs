namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>One emulator for a test class that only reads: the simulated home at 13:00 on its first day.</summary>
public sealed class SimulatedHomeAtNoon : IAsyncLifetime
{
    internal HemsRun Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = await HemsRun.StartAsync();
        Run.AdvanceTo(TimeSpan.FromHours(13));
    }

    public async Task DisposeAsync() => await Run.DisposeAsync();
}
