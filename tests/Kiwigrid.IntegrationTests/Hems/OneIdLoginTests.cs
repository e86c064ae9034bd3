using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// The HEMS client's OneID login against the emulator's OpenIddict realms and portal, each host on its own loopback
/// origin, so redirects cross hosts and cookies are scoped as a browser scopes them.
/// </summary>
public class OneIdLoginTests
{
    [Fact]
    public async Task The_client_logs_in_through_the_broker_and_reads_the_energy_flow()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await HemsHome.ConnectAsync(home);

        var flow = await client.GetEnergyFlowAsync();

        Assert.NotNull(client.TokenExpiration);
        Assert.True(flow.Pv.Out > 1000, $"PV at noon in June: {flow.Pv.Out}");
    }
}
