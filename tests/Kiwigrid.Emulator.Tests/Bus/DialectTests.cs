using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Bus;

public sealed class DialectTests
{
    [Fact]
    public async Task VertX2_replies_have_no_type_as_in_the_captured_cloud()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        // The captured request, token replaced.
        await bus.SendFrameAsync(new JsonArray(
            "{\"type\":\"send\",\"address\":\"deviceservice\",\"replyAddress\":\"a6b1a152-dbc8-48a6-b261-d9aa8c53b03e\",\"body\":{\"accessToken\":\""
            + token + "\",\"action\":\"getDevices\",\"params\":{\"filter\":{\"deviceModel.deviceClass\":\"com.kiwigrid.devices.location.Location\"},"
            + "\"projection\":{\"tagValues\":{\"AddressLocation\":1}}}}}").ToJsonString());
        var reply = await bus.ReceiveMessageAsync();

        Assert.Equal(["address", "body"], reply.Select(p => p.Key));
        Assert.Equal("a6b1a152-dbc8-48a6-b261-d9aa8c53b03e", reply["address"]!.GetValue<string>());
        var body = reply["body"]!;
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal(200, body["code"]!.GetValue<int>());
        Assert.Equal("ok", body["message"]!.GetValue<string>());
        var result = body["result"]!;
        Assert.Equal(0, result["offset"]!.GetValue<int>());
        Assert.Equal(50, result["limit"]!.GetValue<int>());
        Assert.Equal(1, result["total"]!.GetValue<int>());
        var item = result["items"]![0]!.AsObject();
        Assert.Equal(["guid", "tagValues"], item.Select(p => p.Key));
        var address = item["tagValues"]!["AddressLocation"]!;
        Assert.Equal("Dresden", address["value"]!["city"]!.GetValue<string>());
        Assert.Equal(1, address["oca"]!.GetValue<int>());
        Assert.NotNull(address["timestamp"]);
    }

    [Fact]
    public async Task VertX3_replies_are_typed_rec()
    {
        await using var emulator = await EmulatorRun.StartAsync(o => o with { Dialect = EventBusDialect.VertX3 });
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendRequestAsync("userservice", "r-3", RawBus.ServiceBody(null, "getCurrentUser"));
        var reply = await bus.ReceiveMessageAsync();

        Assert.Equal("rec", reply["type"]!.GetValue<string>());
        Assert.Equal("r-3", reply["address"]!.GetValue<string>());
        Assert.Equal(401, reply["body"]!["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(EventBusDialect.VertX2, null)]
    [InlineData(EventBusDialect.VertX3, "err")]
    public async Task Sending_to_an_address_nobody_serves_fails_with_no_handlers(EventBusDialect dialect, string? type)
    {
        await using var emulator = await EmulatorRun.StartAsync(o => o with { Dialect = dialect });
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendRequestAsync("nope", "r-nope", new JsonObject { ["x"] = 1 });
        var failure = await bus.ReceiveMessageAsync();

        Assert.Equal(type, failure["type"]?.GetValue<string>());
        Assert.Equal("r-nope", failure["address"]!.GetValue<string>());
        Assert.Equal(-1, failure["failureCode"]!.GetValue<int>());
        Assert.Equal("NO_HANDLERS", failure["failureType"]!.GetValue<string>());
    }

    [Fact]
    public async Task VertX3_answers_an_unknown_type_with_an_addressless_error()
    {
        await using var emulator = await EmulatorRun.StartAsync(o => o with { Dialect = EventBusDialect.VertX3 });
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendMessageAsync(new JsonObject { ["type"] = "shout", ["address"] = "deviceservice" });
        var error = await bus.ReceiveMessageAsync();

        Assert.Equal(["type", "body"], error.Select(p => p.Key));
        Assert.Equal("invalid_type", error["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task VertX2_drops_an_unknown_type_silently_and_keeps_the_connection()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendMessageAsync(new JsonObject { ["type"] = "shout", ["address"] = "deviceservice" });
        var reply = await bus.RequestAsync("appservice", RawBus.ServiceBody(null, "getAppsInfo"));

        Assert.Equal(401, reply["code"]!.GetValue<int>());
    }
}
