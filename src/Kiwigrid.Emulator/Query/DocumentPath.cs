using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Query;

/// <summary>
/// A dotted path into a device document, such as <c>tagValues.IdName.value</c>. Where the path crosses an array
/// (<c>deviceModel.deviceClass</c>) it reaches into every element, as MongoDB does, so a path can yield several values.
/// </summary>
internal sealed class DocumentPath
{
    private readonly string[] _segments;

    public DocumentPath(string path)
    {
        if (path.Length == 0 || path.Split('.').Any(s => s.Length == 0))
        {
            throw new InvalidQueryException($"The path '{path}' is not a valid dotted path.");
        }

        Text = path;
        _segments = path.Split('.');
    }

    public string Text { get; }

    public IReadOnlyList<string> Segments => _segments;

    /// <summary>Every value the path reaches; empty when it reaches none (the field does not exist).</summary>
    public List<JsonNode?> Resolve(JsonNode? document)
    {
        var values = new List<JsonNode?>();
        Collect(document, 0, values);
        return values;
    }

    /// <summary>The reached values, with arrays at the end of the path opened up into their elements too.</summary>
    public List<JsonNode?> ResolveLeaves(JsonNode? document)
    {
        var leaves = new List<JsonNode?>();
        foreach (var value in Resolve(document))
        {
            leaves.Add(value);
            if (value is JsonArray array)
            {
                leaves.AddRange(array);
            }
        }

        return leaves;
    }

    /// <summary>JSON equality, with numbers compared by value (1 equals 1.0).</summary>
    public static bool JsonEquals(JsonNode? left, JsonNode? right)
    {
        if (TryNumber(left, out var a) && TryNumber(right, out var b))
        {
            return a == b;
        }

        return JsonNode.DeepEquals(left, right);
    }

    public static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        // Directly for values held as doubles (every simulated reading); else via the JSON text, since a value built
        // from a long does not convert to double with TryGetValue.
        return value.TryGetValue(out number)
            || double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    public static bool TryString(JsonNode? node, out string text)
    {
        text = string.Empty;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue(out text!);
    }

    private void Collect(JsonNode? node, int index, List<JsonNode?> values)
    {
        if (index == _segments.Length)
        {
            values.Add(node);
            return;
        }

        var segment = _segments[index];
        switch (node)
        {
            case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                Collect(child, index + 1, values);
                break;
            case JsonArray array:
                if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < array.Count)
                {
                    Collect(array[position], index + 1, values);
                }

                foreach (var element in array)
                {
                    if (element is JsonObject)
                    {
                        Collect(element, index, values);
                    }
                }

                break;
        }
    }
}
