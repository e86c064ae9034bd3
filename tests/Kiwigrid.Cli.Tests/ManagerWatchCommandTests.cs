using System.Text.Json;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>watch --local</c> on the emulated SOLARWATT Manager across the 15-minute end of its sessions.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class ManagerWatchCommandTests
{
    [Theory]
    [InlineData(ManagerFirmware.New)]
    [InlineData(ManagerFirmware.Old)]
    public async Task Watch_goes_on_across_the_managers_session_ends(ManagerFirmware firmware)
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock) with { Manager = ManagerOptions.Default with { Firmware = firmware } });
        var cli = new CliRun { TimeProvider = clock };
        cli.Environment["KIWIGRID_MANAGER_PASSWORD"] = EmulatorOptions.DemoPassword;

        // Six reads 10 minutes apart: the sessions end twice on the way (15 minutes after each login).
        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync("watch", "--local", emulator.ManagerUri!.ToString(), "--interval", "600", "--count", "6", "--json").WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var changes = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(changes);
        Assert.Contains(changes, c => c.GetProperty("tag").GetString() == "PowerProduced");
        Assert.DoesNotContain("reconnecting", outcome.Error, StringComparison.Ordinal);
        Assert.StartsWith("The device at ", outcome.Error, StringComparison.Ordinal);
    }
}
