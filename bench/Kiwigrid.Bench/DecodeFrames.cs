using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// SockJS <c>a[…]</c> frames carrying a cloud <c>getDevices</c> reply built from each real wizard dump: the dump's
/// items in the reply shape of the published capture, serialised compactly and escaped as Vert.x escapes it
/// (non-ASCII as <c>\uXXXX</c>). <see cref="FrameShape"/> says whether the tags are stamped as the cloud sends them.
/// </summary>
internal sealed record DecodeFrame(string Name, FrameShape Shape, int Devices, int Tags, byte[] Bytes)
{
    /// <summary>The rules that turn a LAN dump into a cloud reply, as RESULTS.md states them.</summary>
    public const string CloudRules =
        "every tag document gets `timestamp` and `oca` after its own fields (the capture's order: `tagName`, `guid`, `value`, "
        + "`timestamp`, `oca`); the n-th tag of the reply (from 0) is stamped 2026-07-03 12:00:00 UTC minus (7·n mod 900) s, "
        + "as epoch seconds in the Vert.x 2 frame (as the 2018 capture) and epoch milliseconds in the Vert.x 3 frame "
        + "(as other sources), and gets `oca` 1 + (7,919·n mod 1,000,000); the Vert.x 3 envelope is "
        + "`{\"type\":\"rec\",\"address\",\"body\"}` (as the Vert.x 3.9.4 capture), the Vert.x 2 one `{\"address\",\"body\"}`";

    private static readonly DateTimeOffset StampBase = new(2026, 7, 3, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<DecodeFrame> FromWizardDumps(FrameShape shape)
    {
        var folder = RepoPaths.Fixture("wizard-devices");
        return [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(path => Build(path, shape))];
    }

    /// <summary>Writes the frame to <paramref name="folder"/> as <c>name.shape.frame</c>, the bytes exactly as on the wire.</summary>
    /// <returns>The file's path.</returns>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Name}.{Shape}.frame");
        File.WriteAllBytes(path, Bytes);
        return path;
    }

    private static DecodeFrame Build(string dumpPath, FrameShape shape)
    {
        var dump = JsonNode.Parse(File.ReadAllBytes(dumpPath))!;
        var items = (JsonArray)dump["result"]!["items"]!.DeepClone();
        var tags = Stamp(items, shape);
        var body = new JsonObject
        {
            ["status"] = "ok",
            ["result"] = new JsonObject { ["offset"] = 0, ["limit"] = 50, ["total"] = items.Count, ["items"] = items },
            ["code"] = 200,
            ["message"] = "ok",
        };
        var message = new JsonObject();
        if (shape == FrameShape.CloudVertx3)
        {
            message["type"] = "rec";
        }

        message["address"] = "a6b1a152-dbc8-48a6-b261-d9aa8c53b03e";
        message["body"] = body;
        var json = message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return new DecodeFrame(Path.GetFileNameWithoutExtension(dumpPath), shape, items.Count, tags, Encoding.UTF8.GetBytes(Escape(json)));
    }

    /// <returns>How many tags the items hold.</returns>
    private static int Stamp(JsonArray items, FrameShape shape)
    {
        var n = 0;
        foreach (var item in items)
        {
            if (item?["tagValues"] is not JsonObject tagValues)
            {
                continue;
            }

            foreach (var (_, tag) in tagValues)
            {
                if (shape != FrameShape.Lan && tag is JsonObject document)
                {
                    var at = StampBase.AddSeconds(-(7 * n % 900));
                    document["timestamp"] = shape == FrameShape.CloudVertx2 ? at.ToUnixTimeSeconds() : at.ToUnixTimeMilliseconds();
                    document["oca"] = 1 + (7_919L * n % 1_000_000);
                }

                n++;
            }
        }

        return n;
    }

    /// <summary>The message as one string of a SockJS <c>a[…]</c> frame, escaped as Vert.x escapes it.</summary>
    private static string Escape(string json)
    {
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

        return frame.Append("\"]").ToString();
    }
}
