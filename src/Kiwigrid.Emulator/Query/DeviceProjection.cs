using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Query;

/// <summary>
/// A compiled <c>getDevices</c> projection. Nested objects and dotted keys name paths; 1/true keeps only the named
/// paths (<c>{"tagValues":{"AddressLocation":1}}</c>), 0/false drops them (<c>{"tagValues":0}</c>). The two modes
/// do not mix, as in MongoDB, and <c>guid</c> is always kept so a client can still tell devices apart.
/// </summary>
internal sealed class DeviceProjection
{
    private readonly List<DocumentPath> _paths;
    private readonly bool _inclusive;

    private DeviceProjection(List<DocumentPath> paths, bool inclusive)
    {
        _paths = paths;
        _inclusive = inclusive;
    }

    public static DeviceProjection? Compile(JsonNode? projection)
    {
        if (projection is null)
        {
            return null;
        }

        if (projection is not JsonObject root)
        {
            throw new InvalidQueryException("The projection must be a JSON object.");
        }

        var leaves = new List<(string Path, bool Keep)>();
        Flatten(root, string.Empty, leaves);
        leaves.RemoveAll(leaf => leaf.Path == "guid");
        if (leaves.Count == 0)
        {
            return null;
        }

        var inclusive = leaves[0].Keep;
        if (leaves.Exists(leaf => leaf.Keep != inclusive))
        {
            throw new InvalidQueryException("The projection mixes kept (1) and dropped (0) paths; use one or the other.");
        }

        return new DeviceProjection(leaves.ConvertAll(leaf => new DocumentPath(leaf.Path)), inclusive);
    }

    public JsonObject Apply(JsonObject document)
    {
        if (!_inclusive)
        {
            var trimmed = (JsonObject)document.DeepClone();
            foreach (var path in _paths)
            {
                Remove(trimmed, path.Segments, 0);
            }

            return trimmed;
        }

        var kept = new JsonObject { ["guid"] = document["guid"]?.DeepClone() };
        foreach (var path in _paths)
        {
            Copy(document, kept, path.Segments, 0);
        }

        return kept;
    }

    private static void Flatten(JsonObject node, string prefix, List<(string, bool)> leaves)
    {
        foreach (var (key, value) in node)
        {
            var path = prefix + key;
            switch (value)
            {
                case JsonObject nested:
                    Flatten(nested, path + ".", leaves);
                    break;
                case JsonValue flag when flag.TryGetValue<bool>(out var keep):
                    leaves.Add((path, keep));
                    break;
                case var number when DocumentPath.TryNumber(number, out var n) && n is 0 or 1:
                    leaves.Add((path, n == 1));
                    break;
                default:
                    throw new InvalidQueryException($"The projection of '{path}' must be 1, 0, true, false or an object.");
            }
        }
    }

    private static void Copy(JsonObject source, JsonObject target, IReadOnlyList<string> segments, int index)
    {
        if (!source.TryGetPropertyValue(segments[index], out var child))
        {
            return;
        }

        var last = index == segments.Count - 1;
        if (last || child is not JsonObject childObject)
        {
            // A path that continues into an array (or a scalar) keeps the whole value.
            target[segments[index]] = child?.DeepClone();
            return;
        }

        if (target[segments[index]] is not JsonObject next)
        {
            next = [];
            target[segments[index]] = next;
        }

        Copy(childObject, next, segments, index + 1);
    }

    private static void Remove(JsonNode? node, IReadOnlyList<string> segments, int index)
    {
        switch (node)
        {
            case JsonObject obj when index == segments.Count - 1:
                obj.Remove(segments[index]);
                break;
            case JsonObject obj:
                Remove(obj[segments[index]], segments, index + 1);
                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Remove(element, segments, index);
                }

                break;
        }
    }
}
