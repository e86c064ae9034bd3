using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Query;
using Kiwigrid.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Query;

public sealed class DeviceQueryTests
{
    private readonly List<JsonObject> _devices = new TestSite(new FakeTimeProvider()).Devices.ToDocuments(cloudShape: true);

    [Theory]
    [InlineData("""{"guid":"urn:kiwigrid:pvplant:ERC05-000099999:0"}""", "urn:kiwigrid:pvplant:ERC05-000099999:0")]
    [InlineData("""{"deviceModel.deviceClass":"com.kiwigrid.devices.location.Location"}""", "urn:kiwigrid:location:ERC05-000099999:0")]
    [InlineData("""{"tagValues.IdName.value":{"$like":"Batt*"}}""", "urn:solarwatt:myreserve:bc:a1b2c3")]
    [InlineData("""{"tagValues.IdName.value":{"$like":"*Manag*"}}""", "ERC05-000099999")]
    [InlineData("""{"tagValues.StateOfCharge.value":{"$gt":50,"$lte":63}}""", "urn:solarwatt:myreserve:bc:a1b2c3")]
    [InlineData("""{"tagValues.PowerInstalledPeak.value":{"$gte":7600}}""", "urn:kiwigrid:pvplant:ERC05-000099999:0")]
    [InlineData("""{"tagValues.StateOfCharge.value":{"$lt":64}}""", "urn:solarwatt:myreserve:bc:a1b2c3")]
    [InlineData("""{"tagValues.StateVisibleIsSet":{"$exists":true}}""", "ERC05-000099999")]
    [InlineData("""{"tagValues.AddressLocation.value.city":"Dresden"}""", "urn:kiwigrid:location:ERC05-000099999:0")]
    [InlineData("""{"$and":[{"tagValues.PowerACOut":{"$exists":true}},{"guid":{"$ne":"nope"}}]}""", "urn:kiwigrid:pvplant:ERC05-000099999:0")]
    public void A_filter_selects_the_matching_device(string filter, string guid)
    {
        Assert.Equal([guid], Guids(Run($$"""{"filter":{{filter}}}""")));
    }

    [Fact]
    public void Or_and_in_select_several_devices()
    {
        var or = Guids(Run("""{"filter":{"$or":[{"guid":"ERC05-000099999"},{"tagValues.ModeConverter.value":"CHARGING"}]}}"""));
        var within = Guids(Run("""{"filter":{"guid":{"$in":["ERC05-000099999","urn:solarwatt:myreserve:bc:a1b2c3","urn:none"]}}}"""));

        // Results keep the store's order: battery before Energy Manager.
        Assert.Equal([TestSite.Battery, TestSite.EnergyManager], or);
        Assert.Equal([TestSite.Battery, TestSite.EnergyManager], within);
    }

    [Fact]
    public void Ne_and_exists_false_exclude()
    {
        Assert.Equal(3, Guids(Run("""{"filter":{"deviceModel.deviceClass":{"$ne":"com.kiwigrid.devices.em.EnergyManager"}}}""")).Count);
        Assert.Equal(3, Guids(Run("""{"filter":{"tagValues.StateVisibleIsSet":{"$exists":false}}}""")).Count);
    }

    [Fact]
    public void A_missing_filter_matches_everything_and_limit_defaults_to_50()
    {
        var result = Run("{}");

        Assert.Equal(4, result["total"]!.GetValue<int>());
        Assert.Equal(50, result["limit"]!.GetValue<int>());
        Assert.Equal(0, result["offset"]!.GetValue<int>());
    }

    [Fact]
    public void Inclusive_projection_keeps_guid_and_the_named_tags_only()
    {
        var item = Run("""{"filter":{"guid":"urn:solarwatt:myreserve:bc:a1b2c3"},"projection":{"tagValues":{"StateOfCharge":1,"ModeConverter":1}}}""")["items"]![0]!.AsObject();

        Assert.Equal(["guid", "tagValues"], item.Select(p => p.Key));
        Assert.Equal(["StateOfCharge", "ModeConverter"], item["tagValues"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1, item["tagValues"]!["StateOfCharge"]!["oca"]!.GetValue<long>());
    }

    [Fact]
    public void Exclusive_projection_drops_the_named_paths()
    {
        var item = Run("""{"projection":{"tagValues":0,"guid":0}}""")["items"]![0]!.AsObject();

        Assert.Equal(["guid", "deviceModel"], item.Select(p => p.Key));
    }

    [Fact]
    public void Sorting_descending_by_a_tag_value_puts_missing_values_last()
    {
        var guids = Guids(Run("""{"sorting":{"tagValues.PowerACOut.value":-1}}"""));

        Assert.Equal(TestSite.PvPlant, guids[0]);
        Assert.Equal(4, guids.Count);
    }

    [Fact]
    public void Offset_and_limit_page_through_the_total()
    {
        var pages = Enumerable.Range(0, 2)
            .SelectMany(page => Guids(Run($$"""{"offset":{{page * 3}},"limit":3}""")))
            .ToList();

        Assert.Equal(_devices.Select(d => d["guid"]!.GetValue<string>()), pages);
        Assert.Equal(DeviceQuery.MaxLimit, Run("""{"limit":100000}""")["limit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"filter":{"guid":{"$regex":"x"}}}""", "$regex")]
    [InlineData("""{"filter":{"$nor":[{"guid":"x"}]}}""", "$nor")]
    [InlineData("""{"filter":{"$or":[]}}""", "$or")]
    [InlineData("""{"filter":{"$and":{"guid":"x"}}}""", "$and")]
    [InlineData("""{"filter":{"guid":{"$in":"x"}}}""", "$in")]
    [InlineData("""{"filter":{"guid":{"$exists":"yes"}}}""", "$exists")]
    [InlineData("""{"filter":{"guid":{"$like":5}}}""", "$like")]
    [InlineData("""{"filter":{"guid":{"$gt":true}}}""", "$gt")]
    [InlineData("""{"filter":{"guid":{"$ne":"x","plain":1}}}""", "mixes")]
    [InlineData("""{"filter":"guid"}""", "filter")]
    [InlineData("""{"filter":{"a..b":1}}""", "a..b")]
    [InlineData("""{"projection":{"tagValues":{"A":1},"deviceModel":0}}""", "mixes")]
    [InlineData("""{"projection":{"tagValues":"yes"}}""", "tagValues")]
    [InlineData("""{"sorting":{"guid":2}}""", "guid")]
    [InlineData("""{"sorting":[1]}""", "sorting")]
    [InlineData("""{"offset":-1}""", "offset")]
    [InlineData("""{"limit":0}""", "limit")]
    [InlineData("""{"limit":"ten"}""", "limit")]
    public void An_invalid_query_names_the_problem(string parameters, string named)
    {
        var error = Assert.Throws<InvalidQueryException>(() => DeviceQuery.Parse(JsonNode.Parse(parameters)!.AsObject()));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private JsonObject Run(string parameters) =>
        DeviceQuery.Parse(JsonNode.Parse(parameters)!.AsObject()).Execute(_devices.Select(d => (JsonObject)d.DeepClone()));

    private static List<string> Guids(JsonObject result) =>
        [.. result["items"]!.AsArray().Select(i => i!["guid"]!.GetValue<string>())];
}
