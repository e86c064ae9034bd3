using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Kiwigrid.Bench;

/// <summary>
/// The least a consume row would allocate if it read objects and arrays through <c>TagValue.Value</c>, which hands out
/// <see cref="JsonElement"/>s, rather than through <c>TagValue.Json</c>, per frame:
/// the values' text (kept past the pooled message) and the rows of one <see cref="JsonDocument"/> over the objects and
/// arrays (12 bytes a JSON token; as rented from the array pool, a power of two of at least the text's length), before
/// a single tag or device object. Counted from the devices the client reads, once, not timed.
/// </summary>
internal static class DecodeFloor
{
    public static string Table(IReadOnlyList<DecodeFrame> frames)
    {
        var table = new StringBuilder();
        table.AppendLine("| frame | frame bytes | tags | values' text | objects and arrays: text, tokens | document rows (12 B a token) | as rented | floor, bytes per frame byte |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var frame in frames)
        {
            long text = 0, nestedText = 0, tokens = 0, tags = 0;
            foreach (var devices in ClientDecodePath.Read(frame.Bytes))
            {
                foreach (var device in devices)
                {
                    foreach (var (_, tag) in device.Tags)
                    {
                        tags++;
                        if (tag.Kind == JsonValueKind.Undefined)
                        {
                            continue;
                        }

                        var raw = JsonMarshal.GetRawUtf8Value(tag.Value);
                        text += raw.Length;
                        if (raw.Length > 2 && tag.Kind is JsonValueKind.Object or JsonValueKind.Array)
                        {
                            nestedText += raw.Length + 1;
                            var reader = new Utf8JsonReader(raw);
                            while (reader.Read())
                            {
                                tokens++;
                            }
                        }
                    }
                }
            }

            // The document is over one array of them all: its brackets are a token each.
            var rows = (tokens + 2) * 12;
            var rented = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(rows, nestedText + 12));
            var floor = (double)(text + rented) / frame.Bytes.Length;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {frame.Name} | {frame.Bytes.Length:N0} | {tags:N0} | {text:N0} | {nestedText:N0}, {tokens:N0} | {rows:N0} | {rented:N0} | {floor:0.00} ({(double)(text + rows) / frame.Bytes.Length:0.00} with exact rows) |");
        }

        return table.ToString();
    }
}
