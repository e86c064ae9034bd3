using Kiwigrid.Client;
using Kiwigrid.Emulator.Hosting;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>Faults the client recovers from by itself, and a restart it reports and a new client survives.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task A_token_expiring_between_requests_is_renewed_transparently()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // The bus's ping timeout is kept beyond the jump in time, so only the token expires.
        await using var run = await FaultRun.StartAsync(options => options with
        {
            TimeProvider = clock,
            TokenLifetime = TimeSpan.FromMinutes(10),
            PingTimeout = TimeSpan.FromDays(1),
            HeartbeatInterval = TimeSpan.FromDays(1),
        });
        await using var client = await run.ConnectAsync();
        var first = client.AccessToken;
        await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        clock.Advance(TimeSpan.FromMinutes(11));
        var user = await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        Assert.Contains(run.Emulator.UserName, user.GetRawText(), StringComparison.Ordinal);
        Assert.NotEqual(first.Value, client.AccessToken.Value);
    }

    [Fact]
    public async Task After_an_emulator_restart_on_the_same_port_the_old_client_reports_the_loss_and_a_new_one_connects()
    {
        var emulator = await KiwigridEmulator.StartAsync(EmulatorOptions.Default).WaitAsync(FaultRun.Bound);
        var port = emulator.BaseUri.Port;
        var options = KiwigridClientOptions.ForServer(emulator.BaseUri) with { RequestTimeout = TimeSpan.FromSeconds(2) };
        await using var old = await KiwigridClient.ConnectAsync(emulator.UserName, emulator.Password, options).WaitAsync(FaultRun.Bound);
        await old.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        await emulator.DisposeAsync().AsTask().WaitAsync(FaultRun.Bound);
        await using var restarted = await KiwigridEmulator.StartAsync(EmulatorOptions.Default with { Urls = [$"http://127.0.0.1:{port}"] }).WaitAsync(FaultRun.Bound);

        await Assert.ThrowsAsync<KiwigridConnectionException>(() => old.GetCurrentUserAsync().WaitAsync(FaultRun.Bound));
        await using var fresh = await KiwigridClient.ConnectAsync(restarted.UserName, restarted.Password, options).WaitAsync(FaultRun.Bound);
        Assert.NotEmpty(await fresh.GetDevicesAsync().WaitAsync(FaultRun.Bound));
    }
}
