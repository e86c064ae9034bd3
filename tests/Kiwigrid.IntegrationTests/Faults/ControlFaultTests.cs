using System.Text.Json.Nodes;

using Kiwigrid.Client.Sources;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>A 2018-cloud setting change whose connection is cut between the accepted write and the read-back.</summary>
public sealed class ControlFaultTests
{
    [Fact]
    public async Task A_connection_cut_after_the_write_is_ridden_out_by_a_new_session_that_reads_the_change_back()
    {
        await using var run = await FaultRun.StartAsync();
        var battery = ((SimulatedSite)run.Emulator.Site).BatteryGuid;

        // The write reaches the emulator; as its (successful) reply goes to the client, the client's next bytes — the
        // read-back — cut the connection.
        run.Proxy.FaultNextRequests("mergeDevice", BusFault.Answer(replyAddress =>
        {
            run.Proxy.CutOnNextClientBytes();
            return new JsonObject
            {
                ["address"] = replyAddress,
                ["body"] = new JsonObject
                {
                    ["status"] = "ok",
                    ["result"] = new JsonObject { ["value"] = new JsonObject { ["guid"] = battery, ["tagValues"] = new JsonObject(), ["failedTagValues"] = new JsonObject() } },
                    ["code"] = 200,
                },
            }.ToJsonString();
        }));
        await using var source = new LegacyCloudSource(run.Emulator.UserName, run.Emulator.Password, run.ClientOptions with
        {
            SettingReadBackTimeout = TimeSpan.FromSeconds(8),
            SettingReadBackInterval = TimeSpan.FromMilliseconds(100),
        });

        var change = await source.ChangeSettingAsync(battery, "StateOfChargeMinimum", "30").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(run.Proxy.CutPending, "the connection was cut after the write");
        Assert.Equal(("30", true), (change.After.Value, change.SeenInReadBack));
        Assert.Equal(30, run.Emulator.Site.Devices.GetValue(battery, "StateOfChargeMinimum")!.GetValue<double>());
    }
}
