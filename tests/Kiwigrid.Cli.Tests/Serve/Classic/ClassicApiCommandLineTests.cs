using Kiwigrid.Cli.Serve;
using Kiwigrid.Cli.Serve.Classic;
using Kiwigrid.Hosting.Classic;

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
        var url = served.Url.ToString().TrimEnd('/');
        Assert.Contains("Classic Energy Manager API (no token needed):", lines);
        Assert.Contains($"  {url}/rest/kiwigrid/wizard/devices", lines);
        Assert.Contains($"  {url}/rest/hems-configurator/energy-overview", lines);
        // Open to the network, but serve listens on loopback only: it says what decides who reaches it.
        Assert.Contains("  Open to the network, but serve listens on this machine only (--urls).", lines);
        var classic = lines.SkipWhile(l => !l.StartsWith("Classic Energy Manager API", StringComparison.Ordinal)).Take(4).ToList();
        Assert.Equal(4, classic.Count);
        Assert.All(classic, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
        using var list = await served.Http.GetAsync("rest/kiwigrid/wizard/devices");
        Assert.True(list.IsSuccessStatusCode);
    }

    [Fact]
    public void Opened_to_the_network_on_a_network_address_the_banner_warns_that_anyone_there_can_read_the_home()
    {
        var lines = ClassicApiBanner.Lines("http://255.255.255.255:65535", new ClassicApiOptions(OpenToLan: true), ListenAddress.ParseList("http://0.0.0.0:54321"));

        Assert.Contains(lines, l => l.StartsWith("WARNING: --classic-api-lan: ANYONE on your network can read", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
    }
}
