using System.Text;
using System.Text.Json;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Devices;

public class TagValueTests
{
    private const string CloudDevice = """
        {"guid":"urn:kiwigrid:location:LOCATION",
         "deviceModel":[{"deviceClass":"com.kiwigrid.lib.device.Device"},{"deviceClass":"com.example.brandnew.Thing"}],
         "tagValues":{
           "AddressLocation":{"tagName":"AddressLocation","guid":"urn:kiwigrid:location:LOCATION","value":{"zip":"ZIP_CODE","country":"COUNTRY_CODE","city":"CITY_NAME"},"timestamp":1519220217,"oca":1},
           "PowerIn":{"tagName":"PowerIn","value":2001.1860000000001,"timestamp":1519220217123,"oca":42},
           "StateVisibleIsSet":{"value":false},
           "IdName":{"value":"Haus"},
           "ProfilesList":{"value":"[{\"id\":\"1\",\"name\":\"Migration\"}]"},
           "WorkIn":{"value":1.6e15},
           "PowerLimit":{"value":null},
           "NumberAsText":{"value":"12.5"}
         }}
        """;

    private static Device Parse() => Device.FromJson(JsonDocument.Parse(CloudDevice).RootElement);

    [Fact]
    public void Cloud_values_carry_timestamp_in_seconds_or_milliseconds_and_oca()
    {
        var device = Parse();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1519220217), device.GetTag("AddressLocation")!.Timestamp);
        Assert.Equal(1, device.GetTag("AddressLocation")!.Oca);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1519220217123), device.GetTag("PowerIn")!.Timestamp);
        Assert.Equal(42, device.GetTag("PowerIn")!.Oca);
        Assert.Null(device.GetTag("IdName")!.Timestamp);
        Assert.Null(device.GetTag("IdName")!.Oca);
    }

    [Theory]
    [InlineData("2001.5", JsonValueKind.Number)]
    [InlineData("\"Haus\"", JsonValueKind.String)]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    [InlineData("{\"zip\":\"1\"}", JsonValueKind.Object)]
    [InlineData("[1,2]", JsonValueKind.Array)]
    [InlineData("null", JsonValueKind.Null)]
    public void Kind_tells_which_typed_reading_fits(string json, JsonValueKind kind)
    {
        var tag = new TagValue("Tag", JsonDocument.Parse(json).RootElement);

        Assert.Equal(kind, tag.Kind);
        Assert.Equal(kind, tag.Value.ValueKind);
    }

    [Fact]
    public void An_absent_value_has_an_undefined_kind()
    {
        var tag = new TagValue("Tag", default(JsonElement));

        Assert.Equal(JsonValueKind.Undefined, tag.Kind);
        Assert.True(tag.IsNull);
    }

    [Fact]
    public void Empty_lists_and_objects_read_as_empty_values_of_their_kind()
    {
        var device = Device.FromJson(JsonDocument.Parse("""
            {"guid":"g","tagValues":{"StateErrorList":{"value":[]},"Settings":{"value":{}},"Spaced":{"value":[ ]}}}
            """).RootElement);

        var errors = device.GetTag("StateErrorList")!.Value;
        var settings = device.GetTag("Settings")!.Value;
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.Equal(0, errors.GetArrayLength());
        Assert.Equal("[]", errors.GetRawText());
        Assert.Equal(JsonValueKind.Object, settings.ValueKind);
        Assert.Empty(settings.EnumerateObject());
        Assert.Equal("{}", settings.GetRawText());
        Assert.Equal(0, device.GetTag("Spaced")!.Value.GetArrayLength());
    }

    [Fact]
    public void An_unknown_class_is_still_listed_with_its_tags()
    {
        var device = Parse();

        Assert.Equal(DeviceKind.Unknown, device.Kind);
        Assert.Equal("com.example.brandnew.Thing", device.MostSpecificClass);
        Assert.Equal(8, device.Tags.Count);
        Assert.Equal("Haus", device.Name);
    }

    [Fact]
    public void Typed_accessors_read_what_fits_and_return_null_otherwise()
    {
        var device = Parse();

        Assert.Equal(2001.1860000000001, device.GetDouble("PowerIn"));
        Assert.Null(device.GetTag("PowerIn")!.AsString());
        Assert.Equal(false, device.GetBool("StateVisibleIsSet"));
        Assert.Equal(12.5, device.GetDouble("NumberAsText"));
        Assert.Equal(1.6e15, device.GetDouble("WorkIn"));
        Assert.Equal(1_600_000_000_000_000L, device.GetTag("WorkIn")!.AsLong());
        Assert.Null(device.GetTag("PowerIn")!.AsLong());
        Assert.True(device.GetTag("PowerLimit")!.IsNull);
        Assert.Null(device.GetDouble("PowerLimit"));
        Assert.Null(device.GetDouble("Missing"));
        Assert.Equal("CITY_NAME", device.GetTag("AddressLocation")!.Value.GetProperty("city").GetString());
    }

    [Fact]
    public void A_string_holding_json_is_parsed_on_request()
    {
        var profiles = Parse().GetTag("ProfilesList")!;

        Assert.Equal(JsonValueKind.String, profiles.Value.ValueKind);
        var parsed = profiles.ParseJsonValue();
        Assert.Equal(JsonValueKind.Array, parsed.ValueKind);
        Assert.Equal("Migration", parsed[0].GetProperty("name").GetString());
        Assert.Equal("Haus", Parse().GetTag("IdName")!.ParseJsonValue().GetString());
    }

    [Fact]
    public void A_string_that_only_looks_like_json_is_a_clear_error()
    {
        var tag = new TagValue("Broken", JsonDocument.Parse("\"{not json\"").RootElement);

        var ex = Assert.Throws<KiwigridProtocolException>(() => tag.ParseJsonValue());
        Assert.Contains("Broken", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PowerACOut", "W")]
    [InlineData("WorkCapacity", "Wh")]
    [InlineData("StateOfCharge", "%")]
    [InlineData("TemperatureBattery", "°C")]
    [InlineData("TemparaturePacks", "°C")]
    [InlineData("Temperature", "°C")]
    [InlineData("VoltageBatteryString", "V")]
    [InlineData("CurrentBatteryIn", "A")]
    [InlineData("PriceWorkIn", "ct/kWh")]
    [InlineData("DegreeInclination", "°")]
    [InlineData("FractionDeratingLimit", "fraction")]
    [InlineData("DateCloudLastSeen", "epoch ms")]
    [InlineData("TimeSinceStart", "ms")]
    [InlineData("PowerFactorL1", null)]
    [InlineData("Currency", null)]
    [InlineData("IdName", null)]
    [InlineData("Workload", null)]
    public void The_unit_comes_from_the_tag_name_prefix(string tag, string? unit)
    {
        Assert.Equal(unit, TagUnits.ForTag(tag));
        Assert.Equal(unit, new TagValue(tag, default).Unit);
    }

    [Fact]
    public void ToString_shows_name_value_and_unit()
    {
        Assert.Equal("PowerIn = 2001.1860000000001 W", Parse().GetTag("PowerIn")!.ToString());
        Assert.Equal("2001.19 W", new Measurement(2001.1860000000001, "W").ToString());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void A_number_beyond_double_range_reads_as_no_number(string json)
    {
        var tag = new TagValue("PowerIn", JsonDocument.Parse(json).RootElement);

        Assert.Null(tag.AsDouble());
        Assert.Null(tag.AsLong());
        Assert.Equal(JsonValueKind.Number, tag.Value.ValueKind);
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("\"\\u00e4\"", "\"ä\"", true)]
    [InlineData("{\"a\":1,\"b\":[true]}", "{ \"a\" : 1, \"b\" : [ true ] }", true)]
    [InlineData("1", "\"1\"", false)]
    [InlineData("null", "false", false)]
    public void Values_compare_as_json_not_as_text(string left, string right, bool same)
    {
        var a = new TagValue("T", JsonDocument.Parse(left).RootElement);
        var b = new TagValue("T", JsonDocument.Parse(right).RootElement);

        Assert.Equal(same, a.HasSameValue(b));
        Assert.Equal(same, b.HasSameValue(a));
        Assert.False(a.HasSameValue(new TagValue("T", default)));
    }

    [Fact]
    public void An_escaped_string_reads_unescaped_and_keeps_its_text()
    {
        var tag = new TagValue("IdName", JsonDocument.Parse("\"K\\u00fcche \\\"S\\u00fcd\\\"\"").RootElement);

        Assert.Equal("Küche \"Süd\"", tag.AsString());
        Assert.Equal("Küche \"Süd\"", tag.Value.GetString());
        Assert.Equal("IdName = \"K\\u00fcche \\\"S\\u00fcd\\\"\"", tag.ToString());
    }

    [Fact]
    public void A_tag_owns_its_value_after_the_document_it_came_from_is_disposed()
    {
        TagValue tag;
        using (var document = JsonDocument.Parse("{\"value\":[1,2]}"))
        {
            tag = new TagValue("List", document.RootElement.GetProperty("value"));
        }

        Assert.Equal(2, tag.Value[1].GetInt32());
    }

    [Fact]
    public void A_local_document_parses_from_bytes_the_same_as_from_an_element()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + CloudDevice + "]");

        var fromBytes = DeviceParser.ParseDeviceList(bytes).Single();

        Assert.Equal(Parse().Tags.Keys, fromBytes.Tags.Keys);
        Assert.Equal(42, fromBytes.GetTag("PowerIn")!.Oca);
    }
}
