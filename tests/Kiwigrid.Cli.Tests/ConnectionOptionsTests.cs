using System.CommandLine;
using Kiwigrid.Cli.Connection;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// <c>--cloud legacy|hems</c>, the URL options of each cloud, <c>--server</c> and <c>--local</c>: where a command reads
/// from, and the one-sentence usage error for a combination that cannot mean anything.
/// </summary>
public sealed class ConnectionOptionsTests
{
    [Fact]
    public void Without_cloud_options_today_s_cloud_is_read_at_its_real_hosts()
    {
        var target = Resolve();

        Assert.Null(target.LocalEnergyManager);
        Assert.Equal(CloudKind.Hems, target.Cloud);
        Assert.True(target.NeedsLogin);
    }

    [Fact]
    public void The_2018_cloud_is_read_at_its_real_hosts_with_cloud_legacy()
    {
        var target = Resolve("--cloud", "legacy");

        Assert.Equal(CloudKind.Legacy, target.Cloud);
        Assert.Equal(new Uri("https://auth.energy-manager.de"), target.LegacyCloud.AuthBaseUri);
    }

    [Theory]
    [InlineData]
    [InlineData("--cloud", "hems")]
    public void Today_s_cloud_defaults_to_the_SOLARWATT_realm_portal_and_HEMS_API(params string[] args)
    {
        var target = Resolve(args);

        Assert.Equal(CloudKind.Hems, target.Cloud);
        Assert.Equal(new Uri("https://auth.energymanager.com/auth/realms/solarwatt"), target.Hems.RealmUri);
        Assert.Equal(new Uri("https://new.energymanager.com"), target.Hems.PortalUri);
        Assert.Equal(new Uri("https://hems.kiwigrid.com/v11/"), target.Hems.ApiUri);
    }

    [Fact]
    public void One_server_serves_every_host_of_today_s_cloud_and_a_single_option_overrides_one()
    {
        var target = Resolve("--cloud", "HEMS", "--server", "http://127.0.0.1:8080", "--portal-url", "http://127.0.0.1:9090");

        Assert.Equal(new Uri("http://127.0.0.1:8080/auth/realms/solarwatt"), target.Hems.RealmUri);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), target.Hems.PortalUri);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v11/"), target.Hems.ApiUri);
    }

    [Fact]
    public void One_server_serves_every_host_of_the_2018_cloud()
    {
        var target = Resolve("--cloud", "legacy", "--server", "http://127.0.0.1:8080", "--export-url", "http://127.0.0.1:9090");

        Assert.Equal(CloudKind.Legacy, target.Cloud);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), target.LegacyCloud.AuthBaseUri);
        Assert.Equal(new Uri("ws://127.0.0.1:8080/kiwibus"), target.LegacyCloud.EventBusUri);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), target.LegacyCloud.ExportBaseUri);
    }

    [Fact]
    public void The_LAN_needs_no_login()
    {
        var target = Resolve("--local", "http://192.168.1.20");

        Assert.Equal(new Uri("http://192.168.1.20"), target.LocalEnergyManager);
        Assert.False(target.NeedsLogin);
    }

    [Theory]
    [InlineData("--cloud 'azure' is not a cloud kiwigrid knows: use legacy or hems.", "--cloud", "azure")]
    [InlineData("--local reads a SOLARWATT device on the LAN and cannot be combined with --cloud, --server, --state-dir or a cloud's URL options.", "--local", "http://192.168.1.20", "--cloud", "legacy")]
    [InlineData("--local reads a SOLARWATT device on the LAN and cannot be combined with --cloud, --server, --state-dir or a cloud's URL options.", "--local", "http://192.168.1.20", "--hems-url", "http://127.0.0.1:1")]
    [InlineData("--auth-url belongs to the 2018 cloud and cannot be combined with --cloud hems; use --oneid-url, --portal-url or --hems-url.", "--cloud", "hems", "--auth-url", "http://127.0.0.1:1")]
    [InlineData("--bus-url belongs to the 2018 cloud and cannot be combined with --cloud hems; use --oneid-url, --portal-url or --hems-url.", "--cloud", "hems", "--bus-url", "ws://127.0.0.1:1")]
    [InlineData("--oneid-url belongs to today's SOLARWATT cloud and cannot be combined with --cloud legacy.", "--cloud", "legacy", "--oneid-url", "http://127.0.0.1:1")]
    [InlineData("--hems-url belongs to today's SOLARWATT cloud and cannot be combined with --cloud legacy.", "--cloud", "legacy", "--hems-url", "http://127.0.0.1:1")]
    [InlineData("--local reads a SOLARWATT device on the LAN and cannot be combined with --cloud, --server, --state-dir or a cloud's URL options.", "--local", "http://192.168.1.20", "--state-dir", "/tmp/kiwigrid")]
    [InlineData("--state-dir belongs to today's SOLARWATT cloud and cannot be combined with --cloud legacy.", "--cloud", "legacy", "--state-dir", "/tmp/kiwigrid")]
    [InlineData("--export-url belongs to the 2018 cloud; add --cloud legacy, since kiwigrid reads today's SOLARWATT cloud by default.", "--export-url", "http://127.0.0.1:1")]
    [InlineData("--portal-url needs an absolute http or https URL such as http://127.0.0.1:8080, not 'new.energymanager.com'.", "--cloud", "hems", "--portal-url", "new.energymanager.com")]
    public void A_combination_that_means_nothing_is_one_sentence(string sentence, params string[] args)
    {
        var error = Assert.Throws<CliUsageException>(() => Resolve(args));

        Assert.Equal(sentence, error.Message);
    }

    [Fact]
    public async Task A_usage_error_in_the_connection_options_exits_2_before_asking_for_a_login()
    {
        // No credentials anywhere: the usage error must come first, not "No user name".
        var outcome = await new CliRun().RunAsync("history", "--cloud", "hems", "--export-url", "http://127.0.0.1:1");

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("kiwigrid: --export-url belongs to the 2018 cloud", outcome.Error, StringComparison.Ordinal);
    }

    private static ConnectionTarget Resolve(params string[] args)
    {
        var options = new ConnectionOptions();
        var command = new RootCommand();
        options.AddTo(command);
        return options.Resolve(command.Parse(args));
    }
}
