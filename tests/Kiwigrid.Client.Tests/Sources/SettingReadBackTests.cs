using Kiwigrid.Client.Sources;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Sources;

/// <summary>After an accepted change: reading back until the value shows, and what a caller learns when it does not.</summary>
public sealed class SettingReadBackTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly SiteSetting Before = new("urn:keba:1", "Wallbox", "switch_state", SettingKind.Switch, "ON", ["ON", "OFF"]);

    [Fact]
    public async Task A_value_that_shows_on_the_third_read_is_seen_there()
    {
        var reads = 0;
        var change = await RunAsync(_ => Task.FromResult(Before with { Value = ++reads < 3 ? "ON" : "OFF" }));

        Assert.Equal((3, "OFF", true), (reads, change.After.Value, change.SeenInReadBack));
    }

    [Fact]
    public async Task A_value_that_never_shows_ends_at_the_timeout_with_what_the_installation_shows()
    {
        var reads = 0;
        var change = await RunAsync(_ =>
        {
            reads++;
            return Task.FromResult(Before);
        });

        Assert.False(change.SeenInReadBack);
        Assert.Equal("ON", change.After.Value);
        Assert.InRange(reads, 2, 16); // every 2 s from 0 s to 30 s, fewer if the pump outruns the loop
    }

    [Fact]
    public async Task Read_backs_that_all_fail_end_in_one_sentence_saying_the_change_was_accepted()
    {
        var failure = await Assert.ThrowsAsync<KiwigridConnectionException>(() =>
            RunAsync(_ => Task.FromException<SiteSetting>(new KiwigridConnectionException("The HEMS API request could not reach http://127.0.0.1:9 (connection refused); check the network and the address."))));

        Assert.Equal(
            "Wallbox: switch_state was sent as OFF and accepted, but it could not be read back (The HEMS API request could not reach http://127.0.0.1:9 (connection refused); check the network and the address); read the settings again to see whether it took.",
            failure.Message);
    }

    [Fact]
    public async Task A_failed_read_back_is_tried_again_and_a_later_one_counts()
    {
        var reads = 0;
        var change = await RunAsync(_ => ++reads == 1
            ? Task.FromException<SiteSetting>(new KiwigridTimeoutException("no answer"))
            : Task.FromResult(Before with { Value = "OFF" }));

        Assert.Equal((2, true), (reads, change.SeenInReadBack));
    }

    /// <summary>Runs the read-back to "OFF" with a 30 s timeout, moving the fake clock whenever it waits.</summary>
    private static async Task<SettingChange> RunAsync(Func<CancellationToken, Task<SiteSetting>> read)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var run = SettingReadBack.RunAsync(Before, "OFF", read, TimeSpan.FromSeconds(30), Interval, clock, CancellationToken.None);
        for (var i = 0; i < 1000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(Interval);
        }

        return await run;
    }
}
