using System.Text.Json;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// The reading commands on today's SOLARWATT cloud (the default) against the emulator's OneID, portal and HEMS API,
/// each on its own loopback origin as the real hosts are apart, compared with the 2018 cloud at the same frozen instant.
/// </summary>
public sealed class HemsCloudCommandTests(EmulatedHome home) : IClassFixture<EmulatedHome>
{
    private CliRun Cli() => new CliRun { TimeProvider = home.Clock }.WithDemoUser();

    private string[] PerHost =>
    [
        "--cloud", "hems",
        "--oneid-url", home.Emulator.SolarwattRealmUri.ToString(),
        "--portal-url", home.Emulator.PortalUri.ToString(),
        "--hems-url", home.Emulator.HemsApiUri.ToString(),
    ];

    [Fact]
    public async Task Status_through_the_per_host_origins_shows_the_same_energy_flow_as_the_2018_cloud()
    {
        var hems = await Cli().RunAsync(["status", .. PerHost, "--json"]);
        var legacy = await Cli().RunAsync("status", "--cloud", "legacy", "--server", home.Server, "--json");

        Assert.True(hems.ExitCode == 0, hems.ToString());
        Assert.True(legacy.ExitCode == 0, legacy.ToString());
        Assert.Equal(Flow(legacy.Out), Flow(hems.Out));
    }

    [Fact]
    public async Task Status_on_one_server_reads_today_s_cloud_by_default()
    {
        var outcome = await Cli().RunAsync("status", "--server", home.Server);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Matches(@"\d[\d.]* k?W produced", outcome.Out);
        Assert.Empty(outcome.Error);
    }

    [Fact]
    public async Task Devices_lists_the_battery_on_today_s_cloud()
    {
        var outcome = await Cli().RunAsync(["devices", .. PerHost, "--json"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains(home.Site.BatteryGuid, outcome.Out, StringComparison.Ordinal);
        Assert.Contains(home.Site.LocationGuid, outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_reads_today_s_hours_from_the_analytics()
    {
        var outcome = await Cli().RunAsync(["history", .. PerHost, "--from", "today", "--resolution", "1h", "--utc", "--format", "csv"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Production", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length >= 10, outcome.Out);
    }

    [Fact]
    public async Task A_wrong_password_on_today_s_cloud_exits_3_in_one_sentence_without_echoing_it()
    {
        // A home of its own: failed logins count towards the emulator's throttle.
        const string Password = "Wr0ng-Hems-Passw0rd!";
        var other = new EmulatedHome();
        await other.InitializeAsync();
        CliOutcome outcome;
        try
        {
            outcome = await new CliRun { TimeProvider = other.Clock }.WithDemoUser(password: Password).RunAsync("status", "--server", other.Server);
        }
        finally
        {
            await other.DisposeAsync();
        }


        Assert.Equal(ExitCodes.LoginFailed, outcome.ExitCode);
        Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith("kiwigrid: Login failed", outcome.Error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, outcome.Error + outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_today_s_cloud_does_not_keep_says_so_and_names_the_2018_cloud()
    {
        var outcome = await Cli().RunAsync(["get", "battery", "WorkACIn", .. PerHost]);

        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.Contains("shows only a summary of each device's tags", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--cloud legacy", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_on_today_s_cloud_shows_the_summary_and_says_it_is_one()
    {
        var outcome = await Cli().RunAsync(["tags", "battery", .. PerHost]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("StateOfCharge", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("--cloud legacy", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_today_s_cloud_at_a_server_that_is_not_there_exits_instead_of_retrying_forever()
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("watch", "--server", "http://127.0.0.1:1", "--interval", "5", "--count", "1").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Unreachable, outcome.ExitCode);
        Assert.StartsWith("kiwigrid: The connection to the server failed", outcome.Error, StringComparison.Ordinal);
    }

    /// <summary>The status's numbers, without the site's name (the HEMS API's energy flow names none).</summary>
    private static string Flow(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("site");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
