using System.Text;
using System.Text.Json;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

/// <summary>
/// Each test reads through a cache of its own: the parser's process-wide one is filled by whatever other tests (the
/// fuzzing ones above all) happened to run before, so what it holds depends on their order.
/// </summary>
public sealed class TagNameCacheTests
{
    /// <summary>The first property name of <paramref name="json"/>, read through <paramref name="cache"/>.</summary>
    private static string Name(TagNameCache cache, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        return cache.Get(ref reader);
    }

    [Fact]
    public void Two_replies_share_one_string_per_tag_name()
    {
        var cache = new TagNameCache(maxNames: 10);

        var first = Name(cache, """{"PowerIn":{"value":1}}""");
        var second = Name(cache, """{"PowerIn":{"value":2}}""");

        Assert.Equal("PowerIn", first);
        Assert.Same(first, second);
        Assert.Same(Name(cache, """{"Küche":1}"""), Name(cache, """{"Küche":1}"""));
    }

    [Fact]
    public void A_server_inventing_names_fills_the_cache_only_up_to_its_bound_and_every_name_still_reads_right()
    {
        var cache = new TagNameCache(maxNames: 3);
        var kept = Enumerable.Range(0, 3).Select(i => Name(cache, $$"""{"Kept{{i}}":1}""")).ToList();

        var beyond = Name(cache, """{"Beyond":1}""");

        Assert.Equal("Beyond", beyond);
        Assert.NotSame(beyond, Name(cache, """{"Beyond":1}"""));
        Assert.Same(kept[1], Name(cache, """{"Kept1":1}"""));
    }

    [Fact]
    public void Escaped_and_overlong_names_are_read_but_not_kept()
    {
        var cache = new TagNameCache(maxNames: 10);
        var overlong = new string('P', 65);

        Assert.Equal("Nameä", Name(cache, """{"Name\u00e4":1}"""));
        Assert.NotSame(Name(cache, """{"Name\u00e4":1}"""), Name(cache, """{"Name\u00e4":1}"""));
        Assert.Equal(overlong, Name(cache, $$"""{"{{overlong}}":1}"""));
        Assert.NotSame(Name(cache, $$"""{"{{overlong}}":1}"""), Name(cache, $$"""{"{{overlong}}":1}"""));
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
