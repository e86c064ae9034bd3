using System.Text.Json;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>demo</c> on either cloud, and <c>watch</c> on today's cloud, on a clock the pump moves.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class HemsDemoAndWatchTests
{
    [Theory]
    [InlineData(new string[0], "today's SOLARWATT cloud (OneID + HEMS API)")]
    [InlineData(new[] { "--cloud", "hems" }, "today's SOLARWATT cloud (OneID + HEMS API)")]
    [InlineData(new[] { "--cloud", "legacy" }, "the 2018 Kiwigrid cloud (event bus)")]
    public async Task Demo_once_logs_in_through_the_chosen_cloud_and_says_which(string[] cloud, string banner)
    {
        var outcome = await new CliRun().RunAsync(["demo", "--once", .. cloud]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("  cloud      " + banner, outcome.Out, StringComparison.Ordinal);
        Assert.Matches(@"PV\s+\d[\d.]* k?W produced", outcome.Out);
        Assert.Matches(@"Battery\s+[#\-█░]{20} \d+ %", outcome.Out);
    }

    [Fact]
    public async Task Watch_on_today_s_cloud_prints_the_changes_of_the_simulated_home()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock));
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync(
                "watch", "--oneid-url", emulator.SolarwattRealmUri.ToString(), "--portal-url", emulator.PortalUri.ToString(),
                "--hems-url", emulator.HemsApiUri.ToString(), "--interval", "5", "--count", "3", "--json").WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var changes = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var site = (SimulatedSite)emulator.Site;
        Assert.Contains(changes, c => c.GetProperty("guid").GetString() == site.LocationGuid && c.GetProperty("tag").GetString() == "PowerProduced");
    }
}
