using System.Text;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

public sealed class TagNameCacheTests
{
    private const string Reply = """[{"guid":"g","tagValues":{"PowerIn":{"value":1},"Name\u00e4":{"value":2},"K\u00fcche":{"value":3}}}]""";

    [Fact]
    public void Two_replies_share_one_string_per_tag_name()
    {
        var first = DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(Reply)).Single();
        var second = DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(Reply)).Single();

        var name = first.Tags.Keys.Single(k => k == "PowerIn");
        Assert.Same(name, second.Tags.Keys.Single(k => k == "PowerIn"));
        Assert.Same(first.GetTag("PowerIn")!.Name, second.GetTag("PowerIn")!.Name);
    }

    [Fact]
    public void Escaped_and_non_ascii_names_read_as_they_are_meant()
    {
        var raw = Encoding.UTF8.GetBytes("""[{"guid":"g","tagValues":{"Küche":{"value":3},"Name\u00e4":{"value":2}}}]""");

        var device = DeviceParser.ParseDeviceList(raw).Single();

        Assert.Equal(3, device.GetDouble("Küche"));
        Assert.Equal(2, device.GetDouble("Nameä"));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_a_protocol_error()
    {
        byte[] reply = [.. "[{\"guid\":\"g\",\"tagValues\":{\"P"u8, 0xC3, 0x28, .. "\":{\"value\":1}}}]"u8];

        Assert.Throws<KiwigridProtocolException>(() => DeviceParser.ParseDeviceList(reply));
    }
}
