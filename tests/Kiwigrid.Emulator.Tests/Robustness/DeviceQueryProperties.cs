using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using CsCheck;

using Kiwigrid.Emulator.Query;
using Kiwigrid.Emulator.Tests.Support;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>
/// The getDevices query parser over arbitrary JSON: a query that runs over real device documents, or an
/// <see cref="InvalidQueryException"/> (a 400 reply), never another exception.
/// </summary>
public sealed class DeviceQueryProperties
{
    private static readonly Gen<string> Params = Gen.Select(
            ArbitraryJson.Object, ArbitraryJson.Value, ArbitraryJson.Value, ArbitraryJson.Value, ArbitraryJson.Value, Gen.Int[0, 31])
        .Select((filter, projection, sorting, offset, limit, present) =>
        {
            var members = new List<string>();
            AddIf(members, present, 1, "filter", filter);
            AddIf(members, present, 2, "projection", projection);
            AddIf(members, present, 4, "sorting", sorting);
            AddIf(members, present, 8, "offset", offset);
            AddIf(members, present, 16, "limit", limit);
            return "{" + string.Join(',', members) + "}";
        });

    [Fact]
    public void Arbitrary_params_give_a_query_that_runs_or_a_query_error()
    {
        var site = Site();
        Params.Sample(json => RunQuery(json, site), iter: 4000);
    }

    [Fact]
    public void Arbitrary_filters_give_a_query_that_runs_or_a_query_error()
    {
        var site = Site();
        ArbitraryJson.Value.Sample(filter => RunQuery("{\"filter\":" + filter + "}", site), iter: 4000);
    }

    [Theory]
    [InlineData("{\"filter\":{\"tagValues.IdName.value\":{\"$like\":\"\\ud800*\"}}}")]
    [InlineData("{\"filter\":{\"guid\":{\"$gt\":\"\\udc00\"}}}")]
    [InlineData("{\"filter\":{\"guid\":\"\\ud800\"}}")]
    [InlineData("{\"filter\":{\"\\ud800\":1}}")]
    [InlineData("{\"filter\":{\"a\":1,\"a\":2}}")]
    [InlineData("{\"limit\":1e400}")]
    public void Hostile_params_that_once_escaped_as_other_exceptions_are_a_query_error(string json)
    {
        var parameters = (JsonObject)JsonNode.Parse(json)!;

        Assert.Throws<InvalidQueryException>(() => DeviceQuery.Parse(parameters));
    }

    [Fact]
    public void A_ten_megabyte_filter_string_is_handled_without_allocating_far_more_than_its_size()
    {
        var pattern = new string('*', 10 * 1024 * 1024);
        var json = "{\"filter\":{\"tagValues.IdName.value\":{\"$like\":\"" + pattern + "\"}}}";
        var parameters = (JsonObject)JsonNode.Parse(json)!;
        var site = Site();

        var allocated = AllocationMeter.Measure(() => DeviceQuery.Parse(parameters).Execute(site.Devices.ToDocuments(cloudShape: true)));

        Assert.Equal(4, DeviceQuery.Parse(parameters).Execute(site.Devices.ToDocuments(cloudShape: true))["total"]!.GetValue<int>());
        Assert.True(allocated < 8L * pattern.Length, $"A {pattern.Length}-character pattern allocated {allocated} bytes.");
    }

    /// <summary>The service's path: parse the params, then run the query over the devices; only a query error may escape.</summary>
    internal static void RunQuery(string json, TestSite site)
    {
        JsonObject parameters;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed)
            {
                return;
            }

            parameters = parsed;
        }
        catch (JsonException)
        {
            // Not JSON at all: the bridge refuses it before any service sees it.
            return;
        }

        try
        {
            // Fresh documents each run: a reply takes ownership of the documents it returns.
            var documents = site.Devices.ToDocuments(cloudShape: true);
            var reply = DeviceQuery.Parse(parameters).Execute(documents);
            Assert.InRange(reply["items"]!.AsArray().Count, 0, documents.Count);
            _ = reply.ToJsonString();
        }
        catch (InvalidQueryException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    internal static TestSite Site() => new(EmulatorRun.FakeClock());

    private static void AddIf(List<string> members, int present, int bit, string name, string value)
    {
        if ((present & bit) != 0)
        {
            members.Add(new StringBuilder("\"").Append(name).Append("\":").Append(value).ToString());
        }
    }
}
