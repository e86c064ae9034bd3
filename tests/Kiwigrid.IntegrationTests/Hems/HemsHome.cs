using Kiwigrid.Client.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>Client options for today's cloud on the emulator's per-host loopback origins (realm, portal, API apart).</summary>
internal static class HemsHome
{
    /// <summary>The realm, portal and API each on its own origin, on the real clock (the login's timeouts must run).</summary>
    public static HemsClientOptions Options(EmulatedHome home) => new()
    {
        RealmUri = home.Emulator.SolarwattRealmUri,
        PortalUri = home.Emulator.PortalUri,
        ApiUri = home.Emulator.HemsApiUri,
        RequestTimeout = TimeSpan.FromSeconds(10),
        AnalyticsTimeout = TimeSpan.FromSeconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    public static Task<HemsClient> ConnectAsync(EmulatedHome home, HemsClientOptions? options = null) =>
        HemsClient.ConnectAsync(home.Emulator.UserName, home.Emulator.Password, options ?? Options(home));
}
