using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

using CsCheck;

using Kiwigrid.Client.Devices;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>
/// A tag's <see cref="TagValue.Json"/> walks its text without building a document: over arbitrary JSON in a device
/// list it must show exactly what a <see cref="JsonElement"/> of the same value shows, level by level.
/// </summary>
public sealed class JsonViewProperties
{
    [Fact]
    public void Every_tag_value_walks_as_its_json_element_does()
    {
        ArbitraryJson.Value.Array[1, 6].Sample(values =>
        {
            var device = TagsOfValues.Device(values);

            for (var i = 0; i < values.Length; i++)
            {
                using var sent = JsonDocument.Parse(values[i]);
                AssertSame(sent.RootElement, device.GetTag("T" + i)!.Json);
            }
        }, iter: 2000);
    }

    private static void AssertSame(JsonElement expected, JsonView view)
    {
        Assert.Equal(expected.ValueKind, view.Kind);
        Assert.Equal(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(expected)), view.ToString());
        switch (expected.ValueKind)
        {
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), view.GetArrayLength());
                foreach (var (element, viewed) in expected.EnumerateArray().Zip(view.EnumerateArray()))
                {
                    AssertSame(element, viewed);
                }

                break;
            case JsonValueKind.Object:
                Assert.Equal(expected.GetPropertyCount(), view.GetPropertyCount());

                // JsonElement finds a property by name only when every name of the object can be read.
                var namesReadable = expected.EnumerateObject().All(p => ReadOrFailure(() => p.Name) != CannotBeRead);
                foreach (var (property, viewed) in expected.EnumerateObject().Zip(view.EnumerateObject()))
                {
                    AssertSame(property.Value, viewed.Value);
                    var name = ReadOrFailure(() => property.Name);
                    Assert.Equal(name, ReadOrFailure(() => viewed.Name));
                    if (!namesReadable)
                    {
                        continue;
                    }

                    Assert.True(viewed.NameEquals(property.Name));
                    Assert.True(expected.TryGetProperty(property.Name, out var byName));
                    Assert.True(view.TryGetProperty(property.Name, out var viewedByName));
                    Assert.Equal(JsonMarshal.GetRawUtf8Value(byName).ToArray(), viewedByName.Utf8.ToArray());
                }

                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.TryGetDouble(out var d) && double.IsFinite(d) ? d : null, view.AsDouble());
                if (expected.TryGetInt64(out var l))
                {
                    Assert.Equal(l, view.AsLong());
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(ReadOrFailure(expected.GetString), ReadOrFailure(view.AsString));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), view.AsBool());
                break;
        }
    }

    private const string CannotBeRead = "(cannot be read)";

    // A string with a lone surrogate escaped cannot become a .NET string either way; both must refuse it.
    private static string ReadOrFailure(Func<string?> read)
    {
        try
        {
            return read() ?? "(null)";
        }
        catch (InvalidOperationException)
        {
            return CannotBeRead;
        }
    }
}
