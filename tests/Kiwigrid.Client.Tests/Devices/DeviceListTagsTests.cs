using System.Text;
using System.Text.Json;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

/// <summary>How the tags of a device list are kept: by name, in the reply's order, each with its own stamps.</summary>
public class DeviceListTagsTests
{
    [Fact]
    public void Tags_keep_the_order_of_the_reply_and_a_repeated_name_keeps_its_last_value()
    {
        var devices = DeviceParser.ParseDeviceList("""
            [{"guid":"a","deviceModel":[],"tagValues":{
              "PowerProduced":{"value":1},"IdName":{"value":"PV"},"StateDevice":{"value":"OK"},"PowerProduced":{"value":2}}}]
            """u8);

        var tags = devices[0].Tags;
        Assert.Equal(["PowerProduced", "IdName", "StateDevice"], tags.Keys);
        Assert.Equal(2, tags["PowerProduced"].AsDouble());
        Assert.Equal(3, tags.Count);
        Assert.Equal(tags.Keys, tags.Values.Select(t => t.Name));
        Assert.Null(devices[0].GetTag("powerproduced"));
        Assert.False(tags.ContainsKey("Missing"));
        Assert.Throws<KeyNotFoundException>(() => tags["Missing"]);
    }

    [Fact]
    public void Every_tag_of_a_cloud_reply_keeps_its_own_timestamp_and_oca()
    {
        var devices = DeviceParser.ParseDeviceList("""
            [{"guid":"a","deviceModel":[],"tagValues":{
               "IdName":{"value":"A","timestamp":1751544000,"oca":7},
               "Forecast":{"value":[1,2,3],"timestamp":1751544060000,"oca":8}}},
             {"guid":"b","deviceModel":[],"tagValues":{
               "IdName":{"value":"B"},
               "StateDevice":{"value":{"on":true},"oca":9}}}]
            """u8);

        var a = devices[0];
        var b = devices[1];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751544000), a.GetTag("IdName")!.Timestamp);
        Assert.Equal(7, a.GetTag("IdName")!.Oca);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1751544060000), a.GetTag("Forecast")!.Timestamp);
        Assert.Equal(8, a.GetTag("Forecast")!.Oca);
        Assert.Equal(3, a.GetTag("Forecast")!.Value.GetArrayLength());
        Assert.Null(b.GetTag("IdName")!.Timestamp);
        Assert.Null(b.GetTag("IdName")!.Oca);
        Assert.Null(b.GetTag("StateDevice")!.Timestamp);
        Assert.Equal(9, b.GetTag("StateDevice")!.Oca);
        Assert.True(b.GetTag("StateDevice")!.Value.GetProperty("on").GetBoolean());
    }

    [Fact]
    public void A_device_with_more_tags_than_any_real_one_keeps_them_all()
    {
        const int count = ushort.MaxValue + 10;
        var json = new StringBuilder("""[{"guid":"big","deviceModel":[],"tagValues":{""");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("\"T").Append(i).Append("\":{\"value\":").Append(i).Append('}');
        }

        var devices = DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(json.Append("}}]").ToString()));

        Assert.Equal(count, devices[0].Tags.Count);
        Assert.Equal(count - 1, devices[0].GetDouble($"T{count - 1}"));
        Assert.Equal(12345, devices[0].GetDouble("T12345"));
    }

    [Theory]
    [InlineData("""{"text":"}]\"{[","path":"C:\\"}""", 2)]
    [InlineData("""[[[]],{"a":[{}]},"]"]""", 3)]
    [InlineData("""{"sixteen bytes":"0123456789abcdef","more":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}""", 2)]
    public void Objects_and_arrays_are_read_whole_whatever_brackets_their_strings_hold(string value, int count)
    {
        var devices = DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(
            """[{"guid":"a","tagValues":{"Nested":{"value":""" + value + ""","oca":3},"After":{"value":"x"}}}]"""));

        var nested = devices[0].GetTag("Nested")!;
        using var sent = JsonDocument.Parse(value);
        Assert.True(JsonElement.DeepEquals(sent.RootElement, nested.Value));
        Assert.Equal(count, nested.Kind == JsonValueKind.Object ? nested.Value.EnumerateObject().Count() : nested.Value.GetArrayLength());
        Assert.Equal(3, nested.Oca);
        Assert.Equal("x", devices[0].GetString("After"));
    }

    [Fact]
    public void A_comment_in_a_local_reply_is_skipped_inside_an_object_as_outside()
    {
        var devices = DeviceParser.ParseDeviceList("""
            {"result":{"items":[{"guid":"a","tagValues":{"Forecast":{"value":{"a":1 /* } */,"b":[2]}},"IdName":{"value":"EM"}}}]}}
            """u8);

        Assert.Equal(2, devices[0].GetTag("Forecast")!.Value.GetProperty("b")[0].GetInt32());
        Assert.Equal("EM", devices[0].GetString("IdName"));
    }

    [Fact]
    public void An_object_whose_inside_is_not_json_reads_as_an_empty_one_and_the_other_tags_as_sent()
    {
        var devices = DeviceParser.ParseDeviceList("""
            [{"guid":"a","tagValues":{"Broken":{"value":{"on":tru}},"List":{"value":[1,2]},"Count":{"value":4}}},
             {"guid":"b","tagValues":{"Odd":{"value":[1 2]}}}]
            """u8);

        var broken = devices[0].GetTag("Broken")!;
        Assert.Equal(JsonValueKind.Object, broken.Kind);
        Assert.Empty(broken.Value.EnumerateObject());
        Assert.Equal(2, devices[0].GetTag("List")!.Value.GetArrayLength());
        Assert.Equal(4, devices[0].GetDouble("Count"));
        Assert.Equal(0, devices[1].GetTag("Odd")!.Value.GetArrayLength());

        Assert.Equal(0, broken.Json.GetPropertyCount());
        Assert.Equal("{}", broken.Json.ToString());
        Assert.Equal(2, devices[0].GetTag("List")!.Json.GetArrayLength());
        Assert.Equal(0, devices[1].GetTag("Odd")!.Json.GetArrayLength());
    }

    [Fact]
    public void Json_walks_an_object_with_spaces_comments_and_escaped_names_as_sent()
    {
        var device = DeviceParser.ParseDeviceList("""
            [{"guid":"g","tagValues":{"Forecast":{"value":{ "a" : [ 1 , /* two */ "2" ] , // bc, escaped
              "b\u0063" : { } , "a" : true }}}}]
            """u8).Single();

        var forecast = device.GetTag("Forecast")!.Json;

        Assert.Equal(JsonValueKind.Object, forecast.Kind);
        Assert.Equal(["a", "bc", "a"], forecast.EnumerateObject().Select(property => property.Name));
        Assert.True(forecast.EnumerateObject().First().Value is var a && a.Kind == JsonValueKind.Array);
        Assert.Equal([1.0, 2.0], a.EnumerateArray().Select(element => element.AsDouble()));
        Assert.Equal(2, a.GetArrayLength());
        Assert.Equal(3, forecast.GetPropertyCount());
        Assert.True(forecast.TryGetProperty("bc", out var bc));
        Assert.Equal("{ }", bc.ToString());
        Assert.True(forecast.TryGetProperty("a", out var last));
        Assert.True(last.AsBool());
        Assert.False(forecast.TryGetProperty("B", out _));
        Assert.Equal(3, forecast.ToElement().GetPropertyCount());
    }

    [Fact]
    public void Json_walked_as_the_wrong_kind_says_what_the_value_is()
    {
        var device = DeviceParser.ParseDeviceList("""[{"guid":"g","tagValues":{"List":{"value":[1]},"Count":{"value":4}}}]"""u8).Single();

        var wrong = Assert.Throws<InvalidOperationException>(() => device.GetTag("List")!.Json.EnumerateObject());
        Assert.Equal("The value is array, not object.", wrong.Message);
        Assert.Throws<InvalidOperationException>(() => device.GetTag("Count")!.Json.GetArrayLength());
        Assert.Equal(4, device.GetTag("Count")!.Json.AsLong());
        Assert.Equal(JsonValueKind.Undefined, new TagValue("Absent", default).Json.Kind);
    }

    [Theory]
    [InlineData("""[{"guid":"a","tagValues":{"Forecast":{"value":{"a":[1,2""")]
    [InlineData("""[{"guid":"a","tagValues":{"Forecast":{"value":{"a":"]}]}"}}}]""")]
    [InlineData("""[{"guid":"a","tagValues":{"Forecast":{"value":[1]]}}}]""")]
    public void A_reply_whose_brackets_do_not_close_is_refused_whole(string json)
    {
        Assert.Throws<KiwigridProtocolException>(() => DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(json)));
    }
}
