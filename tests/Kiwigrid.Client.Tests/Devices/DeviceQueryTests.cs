using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

public class DeviceQueryTests
{
    [Fact]
    public void The_captured_location_query_is_produced_exactly()
    {
        var query = DeviceQuery.ForClass(DeviceClassNames.Location) with { Projection = DeviceProjection.OnlyTags("AddressLocation") };

        var json = query.ToParams(0, 50).ToJsonString();

        Assert.Equal(
            """{"filter":{"deviceModel.deviceClass":"com.kiwigrid.devices.location.Location"},"projection":{"tagValues":{"AddressLocation":1}},"offset":0,"limit":50}""",
            json);
    }

    [Fact]
    public void Operators_and_combinators_produce_mongo_like_documents()
    {
        var filter = DeviceFilter.And(
            DeviceFilter.NameLike("Batt*"),
            DeviceFilter.Or(DeviceFilter.In("guid", "a", "b"), DeviceFilter.NotEqual("tagValues.StateDevice.value", "OK")),
            DeviceFilter.Exists("tagValues.StateOfCharge"),
            DeviceFilter.GreaterThan("tagValues.StateOfCharge.value", 10),
            DeviceFilter.GreaterThanOrEqual("tagValues.PowerIn.value", 0.5),
            DeviceFilter.LessThan("tagValues.PowerOut.value", 100),
            DeviceFilter.LessThanOrEqual("tagValues.WorkIn.value", 1e6),
            DeviceFilter.Equal("tagValues.StateVisibleIsSet.value", true));

        Assert.Equal(
            """{"$and":[{"tagValues.IdName.value":{"$like":"Batt*"}},{"$or":[{"guid":{"$in":["a","b"]}},{"tagValues.StateDevice.value":{"$ne":"OK"}}]},{"tagValues.StateOfCharge":{"$exists":true}},{"tagValues.StateOfCharge.value":{"$gt":10}},{"tagValues.PowerIn.value":{"$gte":0.5}},{"tagValues.PowerOut.value":{"$lt":100}},{"tagValues.WorkIn.value":{"$lte":1000000}},{"tagValues.StateVisibleIsSet.value":true}]}""",
            filter.ToString());
    }

    [Fact]
    public void Sorting_drop_tags_and_fresh_copies()
    {
        var query = new DeviceQuery
        {
            Filter = DeviceFilter.Guid("g"),
            Projection = DeviceProjection.WithoutTags,
            Sorting = [new DeviceSortKey("guid"), new DeviceSortKey("tagValues.IdName.value", Descending: true)],
        };

        var first = query.ToParams(100, 20);
        first["filter"]!["guid"] = "changed";

        Assert.Equal(
            """{"filter":{"guid":"g"},"projection":{"tagValues":0},"sorting":{"guid":1,"tagValues.IdName.value":-1},"offset":100,"limit":20}""",
            query.ToParams(100, 20).ToJsonString());
    }

    [Fact]
    public void Nonsense_is_refused_when_the_query_is_built()
    {
        Assert.Throws<ArgumentException>(() => DeviceFilter.Equal("$where", "x"));
        Assert.Throws<ArgumentException>(() => DeviceFilter.And());
        Assert.Throws<ArgumentException>(() => DeviceProjection.OnlyTags());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceQuery { Limit = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceQuery { Offset = -1 });
        Assert.IsType<JsonObject>(DeviceFilter.Guid("x").ToJson());
    }
}
