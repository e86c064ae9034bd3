using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

using CsCheck;

using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>
/// Objects and arrays in a device list are skipped by their brackets and strings, not by the JSON reader: over
/// arbitrary JSON both must find the same end, and every tag must read as the JSON it was sent as.
/// </summary>
public sealed class StructuralSkipProperties
{
    private static readonly Gen<string> ObjectOrArray = Gen.OneOf(ArbitraryJson.Object, ArbitraryJson.Value.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]"));

    [Fact]
    public void The_end_of_any_object_or_array_is_where_the_json_reader_finds_it()
    {
        Gen.Select(ObjectOrArray, Gen.OneOf("", " ", ",1]", "}\"x\":[1]}", "]]]]]]]]]]]]]]]]]]")).Sample((value, after) =>
        {
            var text = Encoding.UTF8.GetBytes(value + after);
            var reader = new Utf8JsonReader(text, isFinalBlock: false, default);
            reader.Read();
            Assert.True(reader.TrySkip());

            Assert.Equal((int)reader.BytesConsumed, StructuralSkip.LengthOf(text));
        }, iter: 5000);
    }

    [Fact]
    public void Every_tag_of_a_device_list_reads_as_the_json_it_was_sent_as()
    {
        ArbitraryJson.Value.Array[1, 6].Sample(values =>
        {
            var device = TagsOfValues.Device(values);

            for (var i = 0; i < values.Length; i++)
            {
                using var sent = JsonDocument.Parse(values[i]);
                var tag = device.GetTag("T" + i)!;
                Assert.Equal(sent.RootElement.ValueKind, tag.Kind);
                Assert.Equal(values[i], Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(tag.Value)));
                Assert.Equal(i, tag.Oca);
            }
        }, iter: 2000);
    }
}
