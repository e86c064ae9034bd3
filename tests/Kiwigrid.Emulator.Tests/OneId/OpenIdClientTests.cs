using System.Text.Json.Nodes;
using Kiwigrid.Emulator.OneId;
using Kiwigrid.Emulator.Tests.Support;
using Kiwigrid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiwigrid.Emulator.Tests.OneId;

/// <summary>A certified third-party relying party (npm <c>openid-client</c>) accepts the emulated realm.</summary>
[Trait(TestCategory.Name, TestCategory.Node)]
public sealed class OpenIdClientTests
{
    [Fact]
    public async Task Openid_client_discovers_the_realm_and_exchanges_the_code_checking_state_and_nonce()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var browser = new OneIdBrowser(emulator);
        using var page = await browser.OpenLoginPageAsync(state: "peer-state", nonce: "peer-nonce");
        using var beforeGrant = await browser.FollowAsync(
            await browser.PostCredentialsAsync(page, emulator.UserName, emulator.Password), stopAt: "/rest/auth/auth_grant");
        var callback = new Uri(beforeGrant.RequestMessage!.RequestUri!, beforeGrant.Headers.Location!);
        var secret = emulator.Services.GetRequiredService<RealmClients>().PortalSecret;

        await using var peer = await NodePeer.StartAsync(
            "openid-client-code-exchange.mjs",
            [emulator.SolarwattRealmUri.ToString(), "energy-monitor-home", secret, callback.ToString(), "peer-state", "peer-nonce"],
            waitForPort: false);
        var exitCode = await peer.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, "node peer failed:\n" + peer.Output.Replace(secret, "***", StringComparison.Ordinal));
        var result = JsonNode.Parse(peer.Output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))["RESULT ".Length..])!;
        Assert.Equal(emulator.SolarwattRealmUri.ToString(), result["issuer"]!.GetValue<string>());
        Assert.Equal("peer-nonce", result["nonce"]!.GetValue<string>());
        Assert.True(result["refreshToken"]!.GetValue<bool>());
    }
}
