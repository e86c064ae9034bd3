using System.Net;
using System.Text.Json.Nodes;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>Failures on the event bus reach the caller as the right exception, promptly.</summary>
public class BusFailureTests
{
    /// <summary>Longer than any of these tests may take: a hang fails the test instead of the suite.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task A_send_to_an_address_nobody_serves_fails_with_NO_HANDLERS(EventBusDialect dialect)
    {
        await using var home = await EmulatedHome.StartAsync(dialect);
        await using var bus = await EventBusConnection.ConnectAsync(home.ClientOptions, new CookieContainer());

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => bus.SendAsync("no.such.service", new JsonObject { ["action"] = "x" }, static reply => reply.ToElement()).WaitAsync(Prompt));

        Assert.Equal("NO_HANDLERS", error.FailureType);
        Assert.Equal(-1, error.Code);
        Assert.Contains("no.such.service", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTokenExpired);

        // The connection still serves the next request.
        var reply = await bus.SendAsync("deviceservice", new JsonObject { ["action"] = "getDevices" }, static reply => reply.ToElement()).WaitAsync(Prompt);
        Assert.Equal(401, reply.GetProperty("code").GetInt32()); // no token: the service itself answered
    }

    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task Stopping_the_emulator_fails_the_pending_request_and_the_next_one_with_a_connection_error(EventBusDialect dialect)
    {
        await using var home = await EmulatedHome.StartAsync(dialect);
        await using var client = await home.ConnectAsync();
        await using var bus = await EventBusConnection.ConnectAsync(home.ClientOptions, new CookieContainer());

        // A request to an address the bus itself listens on is delivered to it and never answered: it stays pending.
        await using var listening = bus.SubscribeAsync("integration.silent").GetAsyncEnumerator();
        var delivered = listening.MoveNextAsync().AsTask();
        var pending = bus.SendAsync("integration.silent", new JsonObject { ["question"] = "anyone?" }, static reply => reply.ToElement());
        Assert.True(await delivered.WaitAsync(Prompt));
        Assert.False(pending.IsCompleted);

        await home.DisposeAsync().AsTask().WaitAsync(Prompt); // disposed again at the end: stopping twice is harmless

        var lost = await Assert.ThrowsAsync<KiwigridConnectionException>(() => pending.WaitAsync(Prompt));
        var next = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location)).WaitAsync(Prompt));
        await Assert.ThrowsAsync<KiwigridConnectionException>(() => bus.Completion.WaitAsync(Prompt));
        // The emulator says goodbye as SockJS servers do, and the client reports that to every caller.
        Assert.Equal(3000, lost.CloseCode);
        Assert.Equal("Go away!", lost.CloseReason);
        Assert.Equal(3000, next.CloseCode);
    }
}
