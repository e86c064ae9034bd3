using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// SockJS <c>a[…]</c> frames carrying a cloud <c>getDevices</c> reply built from each real wizard dump: the dump's
/// items in the reply shape of the published capture (Vert.x 2 dialect: <c>{"address","body"}</c> without type),
/// serialised compactly and escaped as Vert.x escapes it (non-ASCII as <c>\uXXXX</c>).
/// </summary>
internal sealed record DecodeFrame(string Name, int Devices, byte[] Bytes)
{
    public static IReadOnlyList<DecodeFrame> FromWizardDumps()
    {
        var folder = RepoPaths.Fixture("wizard-devices");
        return [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Build)];
    }

    /// <summary>Writes each frame to <paramref name="folder"/> as <c>name.frame</c>, the bytes exactly as on the wire.</summary>
    public static void WriteAll(IEnumerable<DecodeFrame> frames, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var frame in frames)
        {
            File.WriteAllBytes(Path.Combine(folder, frame.Name + ".frame"), frame.Bytes);
        }
    }

    private static DecodeFrame Build(string dumpPath)
    {
        var dump = JsonNode.Parse(File.ReadAllBytes(dumpPath))!;
        var items = (JsonArray)dump["result"]!["items"]!.DeepClone();
        var body = new JsonObject
        {
            ["status"] = "ok",
            ["result"] = new JsonObject { ["offset"] = 0, ["limit"] = 50, ["total"] = items.Count, ["items"] = items },
            ["code"] = 200,
            ["message"] = "ok",
        };
        var message = new JsonObject { ["address"] = "a6b1a152-dbc8-48a6-b261-d9aa8c53b03e", ["body"] = body };
        var json = message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var frame = new StringBuilder("a[\"", json.Length * 5 / 4);
        foreach (var c in json)
        {
            _ = c switch
            {
                '"' => frame.Append("\\\""),
                '\\' => frame.Append("\\\\"),
                '\n' => frame.Append("\\n"),
                '\r' => frame.Append("\\r"),
                '\t' => frame.Append("\\t"),
                < ' ' or >= '\u007f' => frame.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => frame.Append(c),
            };
        }

        frame.Append("\"]");
        return new DecodeFrame(Path.GetFileNameWithoutExtension(dumpPath), items.Count, Encoding.UTF8.GetBytes(frame.ToString()));
    }
}
