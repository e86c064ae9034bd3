using System.Globalization;
using System.Text;
using Kiwigrid.Client.History;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>history</c> rows as a JSON array: each row's <c>start</c> and <c>end</c> (ISO-8601 with offset) and one
/// camel-cased key per column (<c>gridFeedIn</c>, <c>stateOfCharge</c>), null where there is no value.
/// </summary>
internal static class HistoryJson
{
    public static string Write(HistoryTable history, TimeZoneInfo zone)
    {
        var keys = history.Columns.Select(c => Key(c.Label)).ToList();
        return DeviceJson.Write(json =>
        {
            json.WriteStartArray();
            foreach (var row in history.Rows)
            {
                json.WriteStartObject();
                json.WriteString("start", Iso(row.Start, zone));
                json.WriteString("end", Iso(row.End, zone));
                for (var i = 0; i < keys.Count; i++)
                {
                    if (row[i] is { } value)
                    {
                        json.WriteNumber(keys[i], value);
                    }
                    else
                    {
                        json.WriteNull(keys[i]);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>A label as a camel-cased key: <c>Grid feed-in</c> → <c>gridFeedIn</c>.</summary>
    public static string Key(string label)
    {
        var key = new StringBuilder(label.Length);
        var upper = false;
        foreach (var ch in label)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                upper = key.Length > 0;
                continue;
            }

            key.Append(key.Length == 0 ? char.ToLowerInvariant(ch) : upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }

        return key.Length == 0 ? "value" : key.ToString();
    }

    private static string Iso(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
