namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>The options <c>--classic-api</c> and <c>--classic-api-lan</c>, and what serve says about them at start.</summary>
public sealed class ClassicApiCommandLineTests
{
    [Fact]
    public async Task Classic_api_lan_alone_is_a_usage_error_in_one_sentence()
    {
        var outcome = await new CliRun().RunAsync("serve", "--local", "http://127.0.0.1:9", "--urls", "http://127.0.0.1:0", "--classic-api-lan");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal("kiwigrid: --classic-api-lan only applies with --classic-api.", outcome.Error.Trim());
    }

    [Fact]
    public async Task The_banner_names_the_classic_paths_and_who_may_read_them_within_80_columns()
    {
        await using var served = await ServedHome.StartAsync(server => ["--local", server], environment: null, "--classic-api", "--classic-api-lan");
        await served.WaitForFirstSnapshotAsync();

        var lines = served.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains($"Classic Energy Manager API: {served.Url.ToString().TrimEnd('/')}/rest/kiwigrid/wizard/devices", lines);
        Assert.Contains(lines, l => l.Contains("/rest/hems-configurator/energy-overview; no token needed.", StringComparison.Ordinal));
        // Open to the network, but serve listens on loopback only: it says what decides who reaches it.
        Assert.Contains("  Open to the network, but serve listens on this machine only (--urls).", lines);
        var classic = lines.SkipWhile(l => !l.StartsWith("Classic Energy Manager API", StringComparison.Ordinal)).Take(3).ToList();
        Assert.Equal(3, classic.Count);
        Assert.All(classic, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
        using var list = await served.Http.GetAsync("rest/kiwigrid/wizard/devices");
        Assert.True(list.IsSuccessStatusCode);
    }
}
