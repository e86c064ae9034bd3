using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Sites;
using Kiwigrid.Testing;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Sites;

public class ReplaySiteTests
{
    public static TheoryData<string> Fixtures() =>
        ["solarwatt-em-1.json", "solarwatt-em-2.json", "solarwatt-em-3.json", "solarwatt-em-batteryflex.json"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_replay_serves_every_device_class_and_tag_value_of_the_dump(string file)
    {
        var path = RepoPaths.Fixture("wizard-devices", file);
        var expected = JsonNode.Parse(File.ReadAllText(path))!["result"]!["items"]!.AsArray();

        var site = new ReplaySite(path, new FakeTimeProvider());
        site.Update();
        var served = site.Devices.ToDocuments(cloudShape: false);

        Assert.Equal(expected.Select(d => d!["guid"]!.GetValue<string>()), served.Select(d => d["guid"]!.GetValue<string>()));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i]!["deviceModel"], served[i]["deviceModel"]), $"classes of {served[i]["guid"]}");
            var expectedTags = expected[i]!["tagValues"]!.AsObject();
            var servedTags = served[i]["tagValues"]!.AsObject();
            Assert.Equal(expectedTags.Select(t => t.Key), servedTags.Select(t => t.Key));
            foreach (var (name, tag) in expectedTags)
            {
                Assert.True(JsonNode.DeepEquals(tag, servedTags[name]), $"{served[i]["guid"]} {name}");
            }
        }
    }

    [Fact]
    public void A_dump_with_a_byte_order_mark_reads_the_same()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json"));
        var clock = new FakeTimeProvider();

        var plain = new ReplaySite(bytes, clock);
        var marked = new ReplaySite([.. Encoding.UTF8.GetPreamble(), .. bytes], clock);

        Assert.Equal(
            new JsonArray(plain.Devices.ToDocuments(true).Select(JsonNode (d) => d).ToArray()).ToJsonString(),
            new JsonArray(marked.Devices.ToDocuments(true).Select(JsonNode (d) => d).ToArray()).ToJsonString());
    }

    [Fact]
    public void A_replay_accepts_settings_writes_and_refuses_measurement_writes()
    {
        var site = new ReplaySite(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json"), new FakeTimeProvider());
        const string battery = "00864ee8-3454-4c33-8f57-79acfb34e0ef";
        var now = DateTimeOffset.UnixEpoch;

        var setting = site.Devices.Merge(battery, new JsonObject { ["StateOfChargeMinimum"] = new JsonObject { ["value"] = 20 } }, now)!;
        var measurement = site.Devices.Merge(battery, new JsonObject { ["StateOfCharge"] = new JsonObject { ["value"] = 20 } }, now)!;

        Assert.True(setting.Accepted.ContainsKey("StateOfChargeMinimum"));
        Assert.True(measurement.Failed.ContainsKey("StateOfCharge"));
        Assert.Equal(89, site.Devices.GetValue(battery, "StateOfCharge")!.GetValue<int>());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"devices\":[]}", "not a device dump")]
    [InlineData("[{\"deviceModel\":[]}]", "without a string guid")]
    [InlineData("[{\"guid\":\"a\"},{\"guid\":\"a\"}]", "twice")]
    public void Bad_input_fails_with_a_clear_message(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => new ReplaySite(Encoding.UTF8.GetBytes(text), new FakeTimeProvider()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
