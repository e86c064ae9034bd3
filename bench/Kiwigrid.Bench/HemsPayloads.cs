using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// Answers of today's cloud (HEMS API <c>v11</c>) for the HEMS JSON rows: <c>/energy-flow</c> as the fixture holds it,
/// and a whole day of each PT5M analytics fixture (production, consumption, storage), built by <see cref="DayRule"/>.
/// </summary>
internal sealed record HemsPayload(string Name, string FileName, HemsPayloadKind Kind, byte[] Bytes)
{
    /// <summary>How a fixture's few PT5M points become a day, as RESULTS.md states it.</summary>
    public const string DayRule =
        "each series of the fixture keeps its name, `guid`, `id`, `unit` and `aggregated`; its `values` become the 288 "
        + "five-minute keys of the fixture's day (00:00 to 23:55, the fixture's offset, written as the API writes them: "
        + "`2026-07-03T00:05+02:00`), the i-th valued round(peak · sin(π·i/288)) with peak the largest magnitude among the "
        + "fixture's values (a finished day: no nulls); `resolution`, `time_zone` and `devices` unchanged";

    public static IReadOnlyList<HemsPayload> Build() =>
    [
        new("/energy-flow", "energy-flow.json", HemsPayloadKind.EnergyFlow, File.ReadAllBytes(RepoPaths.Fixture("hems", "energy-flow.json"))),
        Day("production"),
        Day("consumption"),
        Day("storage"),
    ];

    /// <summary>Writes the answer to <paramref name="folder"/> as <see cref="FileName"/>.</summary>
    /// <returns>The file's path.</returns>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        File.WriteAllBytes(path, Bytes);
        return path;
    }

    private static HemsPayload Day(string kind)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(RepoPaths.Fixture("hems", "analytics", kind + "-day.json")))!.AsObject();
        foreach (var series in root["timeseries"]!.AsArray())
        {
            var values = series!["values"]!.AsObject();
            var firstKey = values.First().Key;
            var (date, offset) = (firstKey[..10], firstKey[16..]);
            var peak = values.Select(v => v.Value is null ? 0 : Math.Abs(v.Value.GetValue<double>())).DefaultIfEmpty(0).Max();
            var day = new JsonObject();
            for (var i = 0; i < 288; i++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{date}T{i / 12:00}:{i % 12 * 5:00}{offset}");
                day[key] = (long)Math.Round(peak * Math.Sin(Math.PI * i / 288));
            }

            series["values"] = day;
        }

        return new HemsPayload($"/analytics/{kind}, a day at PT5M", $"analytics-{kind}-day.json", HemsPayloadKind.Analytics, Encoding.UTF8.GetBytes(root.ToJsonString()));
    }
}

/// <summary>Which reader of the client decodes a HEMS answer.</summary>
internal enum HemsPayloadKind
{
    /// <summary><c>/energy-flow</c>: <c>HemsEnergyFlow</c>.</summary>
    EnergyFlow,

    /// <summary><c>/analytics/{kind}</c>: <c>HemsAnalytics</c>.</summary>
    Analytics,
}
