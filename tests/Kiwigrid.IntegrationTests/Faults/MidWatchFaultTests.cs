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
