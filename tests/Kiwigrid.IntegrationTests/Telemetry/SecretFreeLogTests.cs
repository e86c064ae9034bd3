using Kiwigrid.Client;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Manager;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.IntegrationTests.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>
/// Everything the library logs, down to Trace, during a login and some reads names no password, cookie, session id or
/// token: the test knows the password and taps every secret the client sends.
/// </summary>
public sealed class SecretFreeLogTests
{
    private const string Password = "Kiwi-Secret-7f3a91";

    /// <summary>The login's "logged in" line: the logs were kept at all.</summary>
    private const int LoggedInEventId = 903;

    private static Task<EmulatedHome> StartAsync() => EmulatedHome.StartAsync(emulator: o => o with
    {
        Users = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner@example.com"] = Password },
        Manager = ManagerOptions.Default with { Password = Password },
    });

    [Fact]
    public async Task The_2018_cloud_logs_no_secret()
    {
        var log = new RecordingLog();
        using var tap = new RequestTap();
        await using var home = await StartAsync();
        await using (var client = await home.ConnectAsync(options: home.ClientOptions with { LoggerFactory = log, HttpMessageHandler = tap }))
        {
            await client.GetDevicesAsync();
            var now = home.Simulation!.SimulatedNow;
            await client.GetEnergyHistoryAsync(now.AddHours(-1), now, HistoryResolution.FifteenMinutes);
            AssertNoSecret(log, [Password, client.AccessToken.Value, .. tap.Secrets]);
        }

        await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync(password: Password + "x", options: home.ClientOptions with { LoggerFactory = log }));
        AssertNoSecret(log, [Password, .. tap.Secrets]);
    }

    [Fact]
    public async Task Todays_cloud_logs_no_secret()
    {
        var log = new RecordingLog();
        using var tap = new RequestTap();
        await using var home = await StartAsync();
        await using (var client = await HemsHome.ConnectAsync(home, HemsHome.Options(home) with { LoggerFactory = log, HttpMessageHandler = tap }))
        {
            await client.GetEnergyFlowAsync();
        }

        await Assert.ThrowsAsync<KiwigridAuthenticationException>(
            () => HemsClient.ConnectAsync(home.Emulator.UserName, Password + "x", HemsHome.Options(home) with { LoggerFactory = log }));
        AssertNoSecret(log, [Password, .. tap.Secrets]);
    }

    [Fact]
    public async Task The_manager_logs_no_secret()
    {
        var log = new RecordingLog();
        using var tap = new RequestTap();
        await using var home = await StartAsync();
        var options = new ManagerClientOptions { HttpMessageHandler = tap, LoggerFactory = log };
        await using (var manager = new ManagerSiteSource(home.Emulator.ManagerUri!, ManagerOptions.InstallerUserName, Password, options))
        {
            await manager.GetDevicesAsync();
        }

        AssertNoSecret(log, [Password, .. tap.Secrets]);
    }

    private static void AssertNoSecret(RecordingLog log, IReadOnlyList<string> secrets)
    {
        Assert.Contains(log.Lines, line => line.Id.Id == LoggedInEventId);
        Assert.Contains(secrets, s => s != Password); // the tap saw the session's cookies or tokens
        foreach (var (id, text) in log.Lines)
        {
            foreach (var secret in secrets.Where(s => s.Length >= 8))
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"Event {id.Id} logs a secret: {text.Replace(secret, "<secret>", StringComparison.Ordinal)}");
            }
        }
    }
}
