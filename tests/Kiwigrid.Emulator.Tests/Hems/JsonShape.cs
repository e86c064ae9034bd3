using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>
/// Compares the shape of an answer with a fixture's: every member the fixture shows is there, with the same JSON
/// type, recursively; the answer may carry more. Each element the fixture's array shows must be matched by one of
/// the answer's elements. A <c>values</c> object is a time series: its keys are local times with offset
/// (<c>2026-07-03T20:05+02:00</c>) and its values numbers or null. A fixture's null matches a number or null.
/// </summary>
internal static class JsonShape
{
    /// <summary>Where <paramref name="actual"/> departs from <paramref name="expected"/>'s shape; empty when it does not.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        var expectedKind = Kind(expected);
        var actualKind = Kind(actual);
        if (expectedKind == JsonValueKind.Null)
        {
            if (actualKind is not (JsonValueKind.Null or JsonValueKind.Number))
            {
                differences.Add($"{path}: expected a number or null, found {actualKind}");
            }

            return;
        }

        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: expected {expectedKind}, found {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject members when path.EndsWith(".values", StringComparison.Ordinal):
                CompareSeries(actual!.AsObject(), path, differences);
                break;
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    if (!actual!.AsObject().TryGetPropertyValue(name, out var found))
                    {
                        differences.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, found, $"{path}.{name}", differences);
                }

                break;
            case JsonArray elements:
                var candidates = actual!.AsArray();
                for (var i = 0; i < elements.Count; i++)
                {
                    if (!candidates.Any(c => Differences(elements[i], c).Count == 0))
                    {
                        var closest = candidates.Select(c => Differences(elements[i], c, $"{path}[{i}]")).OrderBy(d => d.Count).FirstOrDefault();
                        differences.AddRange(closest ?? [$"{path}[{i}]: no element at all"]);
                    }
                }

                break;
        }
    }

    private static void CompareSeries(JsonObject values, string path, List<string> differences)
    {
        if (values.Count == 0)
        {
            differences.Add($"{path}: no values");
        }

        foreach (var (key, value) in values)
        {
            if (!DateTimeOffset.TryParseExact(key, "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                differences.Add($"{path}: key '{key}' is not a local time with offset");
            }

            if (Kind(value) is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                differences.Add($"{path}.{key}: expected a number or null");
            }
        }
    }

    private static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonValue value => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : value.GetValueKind(),
        _ => node.GetValueKind(),
    };
}
