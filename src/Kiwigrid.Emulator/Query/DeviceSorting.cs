using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Query;

/// <summary>
/// A compiled <c>getDevices</c> sorting ([design]): <c>{"path":1|-1, …}</c>, keys applied in order. Missing and null
/// values sort first, then numbers, strings, booleans, objects, arrays; ties keep the store's order.
/// </summary>
internal sealed class DeviceSorting : IComparer<JsonNode>
{
    private readonly List<(DocumentPath Path, int Direction)> _keys;

    private DeviceSorting(List<(DocumentPath, int)> keys) => _keys = keys;

    public static DeviceSorting? Compile(JsonNode? sorting)
    {
        if (sorting is null)
        {
            return null;
        }

        if (sorting is not JsonObject keys)
        {
            throw new InvalidQueryException("The sorting must be a JSON object of path → 1 or -1.");
        }

        var compiled = new List<(DocumentPath, int)>();
        foreach (var (path, direction) in keys)
        {
            if (!DocumentPath.TryNumber(direction, out var d) || d is not (1 or -1))
            {
                throw new InvalidQueryException($"The sorting of '{path}' must be 1 (ascending) or -1 (descending).");
            }

            compiled.Add((new DocumentPath(path), (int)d));
        }

        return compiled.Count == 0 ? null : new DeviceSorting(compiled);
    }

    public int Compare(JsonNode? x, JsonNode? y)
    {
        foreach (var (path, direction) in _keys)
        {
            var order = CompareValues(First(path, x), First(path, y));
            if (order != 0)
            {
                return order * direction;
            }
        }

        return 0;
    }

    private static JsonNode? First(DocumentPath path, JsonNode? document) => path.Resolve(document) is [var first, ..] ? first : null;

    private static int CompareValues(JsonNode? x, JsonNode? y)
    {
        var rank = Rank(x).CompareTo(Rank(y));
        if (rank != 0)
        {
            return rank;
        }

        if (DocumentPath.TryNumber(x, out var a) && DocumentPath.TryNumber(y, out var b))
        {
            return a.CompareTo(b);
        }

        if (DocumentPath.TryString(x, out var s) && DocumentPath.TryString(y, out var t))
        {
            return string.CompareOrdinal(s, t);
        }

        if (x is JsonValue bx && y is JsonValue by && bx.TryGetValue<bool>(out var p) && by.TryGetValue<bool>(out var q))
        {
            return p.CompareTo(q);
        }

        return 0;
    }

    private static int Rank(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => 0,
        JsonValueKind.Number => 1,
        JsonValueKind.String => 2,
        JsonValueKind.True or JsonValueKind.False => 3,
        JsonValueKind.Object => 4,
        _ => 5,
    };
}
