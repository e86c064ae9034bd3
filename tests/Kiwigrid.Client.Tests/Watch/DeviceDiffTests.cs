using System.Text;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Tests.Watch;

public sealed class DeviceDiffTests
{
    private static IReadOnlyList<Device> Devices(string json) => DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Finds_changed_added_and_removed_tags_and_devices_but_ignores_a_new_timestamp_alone()
    {
        var before = Devices("""
            [{"guid":"a","deviceModel":[],"tagValues":{"P":{"tagName":"P","value":1,"timestamp":1},"S":{"tagName":"S","value":"OK"},"Old":{"tagName":"Old","value":null}}},
             {"guid":"gone","deviceModel":[],"tagValues":{}}]
            """);
        var after = Devices("""
            [{"guid":"a","deviceModel":[],"tagValues":{"P":{"tagName":"P","value":2,"timestamp":2},"S":{"tagName":"S","value":"OK","timestamp":2},"New":{"tagName":"New","value":{"x":[1,2]}}}},
             {"guid":"b","deviceModel":[],"tagValues":{}}]
            """);

        var changes = DeviceDiff.Compare(before, after);

        Assert.Equal(
            [
                (DeviceChangeKind.TagChanged, "a", "P"),
                (DeviceChangeKind.TagChanged, "a", "New"),
                (DeviceChangeKind.TagChanged, "a", "Old"),
                (DeviceChangeKind.DeviceAdded, "b", null),
                (DeviceChangeKind.DeviceRemoved, "gone", null),
            ],
            changes.Select(c => (c.Kind, c.Guid, c.TagName)));
        Assert.Null(changes.Single(c => c.TagName == "New").Before);
        Assert.Null(changes.Single(c => c.TagName == "Old").After);
    }

    [Fact]
    public void Equal_json_values_written_differently_are_no_change()
    {
        var before = Devices("""[{"guid":"a","deviceModel":[],"tagValues":{"M":{"tagName":"M","value":{"x":1,"y":[true]}}}}]""");
        var after = Devices("""[{"guid":"a","deviceModel":[],"tagValues":{"M":{"tagName":"M","value":{ "x" : 1, "y" : [ true ] }}}}]""");

        Assert.Empty(DeviceDiff.Compare(before, after));
    }
}
