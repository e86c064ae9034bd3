using System.Text.Json.Nodes;

using Kiwigrid.Client;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// Faults in the middle of a <see cref="KiwigridClient"/> watch, through the <see cref="FaultProxy"/>: the watch
/// carries on, says when it was interrupted, and every write made meanwhile is reported exactly once, with the
/// watched values equal to the emulator's store afterwards.
/// </summary>
public sealed class MidWatchFaultTests
{
    private const string Location = "aaaaaaaa-bbbb-cccc-dddd-000000000003";
    private const string PvPlant = "aaaaaaaa-bbbb-cccc-dddd-000000000002";

    /// <summary>ServiceRequester's "the access token expired, logging in again and resending once".</summary>
    private const int TokenRenewedEventId = 300;

    [Fact]
    public async Task A_connection_cut_mid_watch_is_reported_and_the_writes_made_during_the_outage_arrive_once()
    {
        await using var watch = await WatchedReplay.StartAsync();
        Assert.True(Assert.IsType<DeviceSnapshot>(await watch.NextAsync()).IsFirst);
        await watch.WriteAsync(Location, "IdName", "Zuhause");
        Assert.False(Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.Interval)).AfterReconnect);

        watch.Proxy.CutOnNextClientBytes();
        var interrupted = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        await watch.WriteAsync(Location, "PriceWorkIn", 31.5);
        await watch.WriteAsync(PvPlant, "PriceProfitFeedin", 7.9);
        var recovered = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));

        Assert.Equal(1, interrupted.Attempt);
        Assert.IsType<KiwigridConnectionException>(interrupted.Error);
        Assert.True(recovered.AfterReconnect);
        AssertReportedExactly(watch, (Location, "IdName", "Zuhause"), (Location, "PriceWorkIn", 31.5), (PvPlant, "PriceProfitFeedin", 7.9));
        Assert.Equal(2, recovered.Changes.Count);
        watch.AssertMatchesStore(recovered);
    }

    [Fact]
    public async Task A_token_expiring_mid_watch_is_renewed_without_an_interruption_and_no_write_is_lost()
    {
        await using var watch = await WatchedReplay.StartAsync(tokenLifetime: TimeSpan.FromMinutes(10));
        await watch.NextAsync();

        // The write comes after the watch's token expired; the watch's next read is refused (419), logs in again
        // and resends on the same bus session.
        watch.Clock.Advance(TimeSpan.FromMinutes(11) - WatchedReplay.Interval);
        await watch.WriteAsync(Location, "PriceWorkIn", 29.25);
        var after = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.Interval));
        await watch.WriteAsync(Location, "IdName", "Nach dem Token");
        var next = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.Interval));

        Assert.Equal(1, watch.Log.Count(TokenRenewedEventId));
        Assert.DoesNotContain(watch.Events, e => e is DeviceWatchInterrupted);
        Assert.False(after.AfterReconnect);
        AssertReportedExactly(watch, (Location, "PriceWorkIn", 29.25), (Location, "IdName", "Nach dem Token"));
        watch.AssertMatchesStore(next);
    }

    [Fact]
    public async Task An_emulator_restarted_mid_watch_is_reported_and_the_write_made_meanwhile_arrives_once()
    {
        await using var watch = await WatchedReplay.StartAsync();
        await watch.NextAsync();

        await watch.RestartEmulatorAsync();
        await watch.WriteAsync(PvPlant, "IdName", "PV nach Neustart");
        var interrupted = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        var recovered = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));

        Assert.IsType<KiwigridConnectionException>(interrupted.Error);
        Assert.True(recovered.AfterReconnect);
        AssertReportedExactly(watch, (PvPlant, "IdName", "PV nach Neustart"));
        watch.AssertMatchesStore(recovered);
    }

    [Fact]
    public async Task A_500_then_a_malformed_reply_mid_watch_are_ridden_out_and_the_writes_made_meanwhile_arrive_once()
    {
        await using var watch = await WatchedReplay.StartAsync();
        await watch.NextAsync();

        watch.Proxy.FaultNextRequests("getDevices", BusFault.ServiceError(500, "Internal Server Error"), BusFault.MalformedReply());
        await watch.WriteAsync(Location, "PriceWorkIn", 31.5);
        var serverError = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        await watch.WriteAsync(PvPlant, "PriceProfitFeedin", 7.9);
        var malformed = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.ReconnectDelay));
        var recovered = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));
        await watch.WriteAsync(Location, "IdName", "Nach der Stoerung");
        var after = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.Interval));

        Assert.Equal(500, Assert.IsType<KiwigridServiceException>(serverError.Error).Code);
        Assert.IsType<KiwigridProtocolException>(malformed.Error);
        Assert.Equal((1, 2), (serverError.Attempt, malformed.Attempt));
        Assert.True(recovered.AfterReconnect);
        AssertReportedExactly(watch, (Location, "PriceWorkIn", 31.5), (PvPlant, "PriceProfitFeedin", 7.9), (Location, "IdName", "Nach der Stoerung"));
        watch.AssertMatchesStore(after);
    }

    /// <summary>Faults a server (or what stands between) may produce, by name, with the error the watch reports.</summary>
    private static readonly Dictionary<string, (Func<BusFault> Fault, Type Error)> ServerSideFaults = new()
    {
        ["Vert.x TIMEOUT"] = (() => BusFault.VertxFailure(-1, "TIMEOUT", "Timed out after waiting 30000(ms) for a reply. address: __vertx.reply.1, repliedAddress: deviceservice"), typeof(KiwigridServiceException)),
        ["Vert.x NO_HANDLERS"] = (() => BusFault.VertxFailure(-1, "NO_HANDLERS", "No handlers for address deviceservice"), typeof(KiwigridServiceException)),
        ["503"] = (() => BusFault.ServiceError(503, "Service Unavailable"), typeof(KiwigridServiceException)),
        ["bridge refusal"] = (() => BusFault.BridgeError("access_denied"), typeof(KiwigridBridgeException)),
        ["other bridge error"] = (() => BusFault.BridgeError("invalid_json"), typeof(KiwigridBridgeException)),
        ["connection cut while the request waits"] = (BusFault.Cut, typeof(KiwigridConnectionException)),
    };

    [Theory]
    [InlineData("Vert.x TIMEOUT")]
    [InlineData("Vert.x NO_HANDLERS")]
    [InlineData("503")]
    [InlineData("bridge refusal")]
    [InlineData("other bridge error")]
    [InlineData("connection cut while the request waits")]
    public async Task A_server_side_fault_mid_watch_is_reported_and_ridden_out_at_once_without_waiting_for_a_timeout(string kind)
    {
        var (fault, error) = ServerSideFaults[kind];
        await using var watch = await WatchedReplay.StartAsync();
        await watch.NextAsync();

        var applied = fault();
        watch.Proxy.FaultNextRequests("getDevices", applied);
        await watch.WriteAsync(Location, "PriceWorkIn", 27.75);
        var interrupted = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        var recovered = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));

        Assert.True(applied.Applied.IsCompleted, kind);
        Assert.IsType(error, interrupted.Error);
        Assert.True(recovered.AfterReconnect);
        AssertReportedExactly(watch, (Location, "PriceWorkIn", 27.75));
        watch.AssertMatchesStore(recovered);
    }

    [Fact]
    public async Task A_connection_lost_while_the_first_request_after_a_login_waits_is_ridden_out_before_and_after_the_first_snapshot()
    {
        await using var watch = await WatchedReplay.StartAsync();

        // The very first request: the login has proven server and password, so the loss is an outage.
        watch.Proxy.FaultNextRequests("getDevices", BusFault.Cut());
        var beforeFirst = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync());
        var first = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));

        // Cut again, and again on the first request after logging in anew.
        watch.Proxy.FaultNextRequests("getDevices", BusFault.Cut(), BusFault.Cut());
        await watch.WriteAsync(PvPlant, "IdName", "PV nach zwei Schnitten");
        var cut = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        var cutAfterLogin = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.ReconnectDelay));
        var recovered = Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay));

        Assert.IsType<KiwigridConnectionException>(beforeFirst.Error);
        Assert.True(first.IsFirst);
        Assert.Equal((1, 2), (cut.Attempt, cutAfterLogin.Attempt));
        Assert.True(recovered.AfterReconnect);
        AssertReportedExactly(watch, (PvPlant, "IdName", "PV nach zwei Schnitten"));
        watch.AssertMatchesStore(recovered);
    }

    [Fact]
    public async Task Refused_rights_that_a_new_login_does_not_restore_end_the_watch_with_the_refusal()
    {
        await using var watch = await WatchedReplay.StartAsync();
        await watch.NextAsync();

        watch.Proxy.FaultNextRequests("getDevices", BusFault.BridgeError("access_denied"), BusFault.BridgeError("access_denied"));
        var retried = Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        var ended = await Assert.ThrowsAsync<KiwigridBridgeException>(() => watch.NextAsync(WatchedReplay.ReconnectDelay));

        Assert.IsType<KiwigridBridgeException>(retried.Error);
        Assert.Equal("deviceservice", ended.Address);
        Assert.Equal("access_denied", ended.Error);
    }

    /// <summary>
    /// Over the whole watch, the reported changes are these writes, each once, and nothing else (one snapshot
    /// lists its changes in device order, not in the order of the writes).
    /// </summary>
    private static void AssertReportedExactly(WatchedReplay watch, params (string Guid, string Tag, JsonNode Value)[] writes)
    {
        var reported = watch.ReportedChanges.Select(c => $"{c.Guid} {c.TagName} = {c.After?.Value.GetRawText()}").Order(StringComparer.Ordinal);
        var expected = writes.Select(w => $"{w.Guid} {w.Tag} = {w.Value.ToJsonString()}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, reported);
    }
}
