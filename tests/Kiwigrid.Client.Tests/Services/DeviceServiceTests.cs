using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Services;

using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Client.Tests.Services;

public class DeviceServiceTests
{
    private static JsonObject DeviceDoc(int i) => new()
    {
        ["guid"] = $"dev-{i}",
        ["deviceModel"] = new JsonArray(new JsonObject { ["deviceClass"] = DeviceClassNames.Device }),
        ["tagValues"] = new JsonObject { ["IdName"] = new JsonObject { ["tagName"] = "IdName", ["value"] = $"Device {i}", ["timestamp"] = 1519220217, ["oca"] = 3 } },
    };

    /// <summary>A device service over <paramref name="count"/> devices that honours offset and limit.</summary>
    private static FakeBus PagedStore(int count) => new((_, body) =>
    {
        var p = body["params"]!;
        var offset = (int)p["offset"]!;
        var limit = (int)p["limit"]!;
        var items = new JsonArray([.. Enumerable.Range(offset, Math.Max(0, Math.Min(limit, count - offset))).Select(i => (JsonNode)DeviceDoc(i))]);
        return FakeBus.Ok(new JsonObject { ["offset"] = offset, ["limit"] = limit, ["total"] = count, ["items"] = items });
    });

    private static (DeviceService Service, CountingTokens Tokens) Create(FakeBus bus)
    {
        var tokens = new CountingTokens();
        var requester = new ServiceRequester(bus, tokens, TimeProvider.System, NullLogger.Instance);
        return (new DeviceService(requester, NullLogger.Instance), tokens);
    }

    [Fact]
    public async Task A_hundred_and_twenty_devices_come_in_three_pages_of_fifty()
    {
        var bus = PagedStore(120);
        var (service, _) = Create(bus);

        var devices = await service.GetDevicesAsync(DeviceQuery.All, default);

        Assert.Equal(120, devices.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"dev-{i}"), devices.Select(d => d.Guid));
        Assert.Equal([0, 50, 100], bus.Requests.Select(r => (int)r.Body["params"]!["offset"]!));
        Assert.All(bus.Requests, r => Assert.Equal(50, (int)r.Body["params"]!["limit"]!));
        Assert.All(bus.Requests, r => Assert.Equal("deviceservice", r.Address));
        Assert.Equal(3, devices[3].GetTag("IdName")!.Oca);
    }

    [Fact]
    public async Task Every_request_carries_token_action_and_params()
    {
        var bus = PagedStore(1);
        var (service, _) = Create(bus);

        await service.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location), default);

        var body = Assert.Single(bus.Requests).Body;
        Assert.Equal(["accessToken", "action", "params"], body.Select(p => p.Key));
        Assert.Equal("t1", (string?)body["accessToken"]);
        Assert.Equal("getDevices", (string?)body["action"]);
        Assert.Equal(DeviceClassNames.Location, (string?)body["params"]!["filter"]!["deviceModel.deviceClass"]);
    }

    [Fact]
    public async Task Offset_and_limit_select_a_window_across_pages()
    {
        var bus = PagedStore(200);
        var (service, _) = Create(bus);

        var devices = await service.GetDevicesAsync(new DeviceQuery { Offset = 30, Limit = 70 }, default);

        Assert.Equal(70, devices.Count);
        Assert.Equal("dev-30", devices[0].Guid);
        Assert.Equal("dev-99", devices[^1].Guid);
        Assert.Equal([(30, 50), (80, 20)], bus.Requests.Select(r => ((int)r.Body["params"]!["offset"]!, (int)r.Body["params"]!["limit"]!)));
    }

    [Fact]
    public async Task A_server_that_promises_more_than_it_sends_does_not_loop_forever()
    {
        var bus = new FakeBus((_, _) => FakeBus.Ok(new JsonObject { ["total"] = 500, ["items"] = new JsonArray() }));
        var (service, _) = Create(bus);

        Assert.Empty(await service.GetDevicesAsync(DeviceQuery.All, default));
        Assert.Single(bus.Requests);
    }

    [Fact]
    public async Task An_expired_token_logs_in_again_and_resends_once()
    {
        var bus = new FakeBus((_, body) => (string?)body["accessToken"] == "t1"
            ? FakeBus.Error(419, "Authentication Timeout")
            : FakeBus.Ok(new JsonObject { ["total"] = 1, ["items"] = new JsonArray(DeviceDoc(7)) }));
        var (service, tokens) = Create(bus);

        var devices = await service.GetDevicesAsync(DeviceQuery.All, default);

        Assert.Equal("dev-7", Assert.Single(devices).Guid);
        Assert.Equal(1, tokens.Renewals);
        Assert.Equal(["t1", "t2"], bus.Requests.Select(r => (string?)r.Body["accessToken"]));
        Assert.Equal(bus.Requests[0].Body["params"]!.ToJsonString(), bus.Requests[1].Body["params"]!.ToJsonString());
    }

    [Fact]
    public async Task A_second_419_after_the_new_login_surfaces()
    {
        var bus = new FakeBus((_, _) => FakeBus.Error(419, "Authentication Timeout"));
        var (service, tokens) = Create(bus);

        var ex = await Assert.ThrowsAsync<KiwigridServiceException>(() => service.GetDevicesAsync(DeviceQuery.All, default));

        Assert.True(ex.IsTokenExpired);
        Assert.Equal(2, bus.Requests.Count);
        Assert.Equal(1, tokens.Renewals);
    }

    [Theory]
    [InlineData("error", 400, "Bad filter")]
    [InlineData("error", 500, "Internal error")]
    [InlineData("ok", 404, "Not found")]
    [InlineData("error", 200, "Odd but an error")]
    public async Task Error_replies_become_service_exceptions_with_code_and_message(string status, int code, string message)
    {
        var bus = new FakeBus((_, _) => new JsonObject { ["status"] = status, ["code"] = code, ["message"] = message });
        var (service, tokens) = Create(bus);

        var ex = await Assert.ThrowsAsync<KiwigridServiceException>(() => service.GetDevicesAsync(DeviceQuery.All, default));

        Assert.Equal(code, ex.Code);
        Assert.Null(ex.FailureType);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("getDevices", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tokens.Renewals);
    }

    [Fact]
    public async Task A_reply_that_is_not_a_service_reply_is_a_protocol_error()
    {
        var (service, _) = Create(new FakeBus((_, _) => new JsonObject { ["hello"] = 1 }));
        await Assert.ThrowsAsync<KiwigridProtocolException>(() => service.GetDevicesAsync(DeviceQuery.All, default));

        var (service2, _) = Create(new FakeBus((_, _) => FakeBus.Ok(new JsonObject { ["total"] = 1 })));
        await Assert.ThrowsAsync<KiwigridProtocolException>(() => service2.GetDevicesAsync(DeviceQuery.All, default));
    }

    [Fact]
    public async Task A_failed_reply_is_a_service_error_whatever_its_result_holds_and_wherever_the_status_comes()
    {
        // The result is read as it comes, before the status is known: a failed call's odd result must not mask the failure.
        var bus = new FakeBus((_, _) => new JsonObject { ["result"] = new JsonObject { ["items"] = "none" }, ["code"] = 503, ["status"] = "error", ["message"] = "Maintenance" });
        var (service, _) = Create(bus);

        var ex = await Assert.ThrowsAsync<KiwigridServiceException>(() => service.GetDevicesAsync(DeviceQuery.All, default));

        Assert.Equal(503, ex.Code);
        Assert.Contains("Maintenance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_reply_reads_its_page_in_any_field_order()
    {
        var bus = new FakeBus((_, _) => new JsonObject
        {
            ["result"] = new JsonObject { ["items"] = new JsonArray(DeviceDoc(1), DeviceDoc(2)), ["total"] = 2 },
            ["message"] = "ok",
            ["code"] = 200,
        });
        var (service, _) = Create(bus);

        var devices = await service.GetDevicesAsync(DeviceQuery.All, default);

        Assert.Equal(["Device 1", "Device 2"], devices.Select(d => d.Name));
        Assert.Equal(3, devices[0].GetTag("IdName")!.Oca);
    }

    [Fact]
    public async Task A_successful_reply_with_an_item_that_is_no_device_is_a_protocol_error()
    {
        var bus = new FakeBus((_, _) => FakeBus.Ok(new JsonObject { ["items"] = new JsonArray(DeviceDoc(1), new JsonObject { ["guid"] = 7 }) }));
        var (service, _) = Create(bus);

        var ex = await Assert.ThrowsAsync<KiwigridProtocolException>(() => service.GetDevicesAsync(DeviceQuery.All, default));

        Assert.Contains("guid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_sends_values_with_oca_and_reads_accepted_and_failed_tags()
    {
        var bus = new FakeBus((_, _) => FakeBus.Ok(new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["tagValues"] = new JsonObject { ["StateOfChargeMinimum"] = new JsonObject { ["tagName"] = "StateOfChargeMinimum", ["value"] = 20, ["oca"] = 6 } },
                ["failedTagValues"] = new JsonObject { ["PowerACOut"] = new JsonObject { ["value"] = 5, ["oca"] = 1, ["reason"] = "read-only" } },
            },
        }));
        var (service, _) = Create(bus);

        var result = await service.MergeDeviceAsync(
            "bat-1",
            new Dictionary<string, TagWrite> { ["StateOfChargeMinimum"] = new(20, 5), ["PowerACOut"] = new(5, 1) },
            default);

        var request = Assert.Single(bus.Requests).Body;
        Assert.Equal("mergeDevice", (string?)request["action"]);
        Assert.Equal(
            """{"deviceId":"bat-1","tagValues":{"StateOfChargeMinimum":{"value":20,"oca":5},"PowerACOut":{"value":5,"oca":1}}}""",
            request["params"]!.ToJsonString());
        Assert.Equal(6, result.Accepted["StateOfChargeMinimum"].Oca);
        Assert.Equal(20, result.Accepted["StateOfChargeMinimum"].AsDouble());
        Assert.Equal("read-only", result.Failed["PowerACOut"].Reason);
        Assert.False(result.AllAccepted);
    }

    [Fact]
    public async Task Delete_sends_the_device_id()
    {
        var bus = new FakeBus((_, _) => new JsonObject { ["status"] = "ok", ["code"] = 204, ["message"] = "deleted" });
        var (service, _) = Create(bus);

        await service.DeleteDeviceAsync("dev-9", default);

        var body = Assert.Single(bus.Requests).Body;
        Assert.Equal("deleteDevice", (string?)body["action"]);
        Assert.Equal("dev-9", (string?)body["params"]!["deviceId"]);
    }
}
