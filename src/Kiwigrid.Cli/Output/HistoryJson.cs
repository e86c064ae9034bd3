using System.Globalization;
using System.Text;
using Kiwigrid.Client.History;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>history</c> rows as a JSON array: each row's <c>start</c> and <c>end</c> (ISO-8601 with offset) and one key
/// per column, null where there is no value. The energy columns carry the names of the energy totals everywhere
/// (<c>producedWh</c>, <c>boughtWh</c>, as <c>today</c> in <c>/api/energy-flow</c>; <c>docs/schema/kiwigrid.schema.json</c>),
/// the state of charge <c>stateOfChargePercent</c>; values to a tenth.
/// </summary>
internal static class HistoryJson
{
    /// <summary>The energy totals' names for the history's standard columns.</summary>
    private static readonly Dictionary<string, string> TotalNames = new(StringComparer.Ordinal)
    {
        [EnergyHistoryColumns.Production] = "producedWh",
        [EnergyHistoryColumns.Consumption] = "consumedWh",
        [EnergyHistoryColumns.GridFeedIn] = "fedInWh",
        [EnergyHistoryColumns.GridPurchase] = "boughtWh",
        [EnergyHistoryColumns.BatteryCharge] = "chargedWh",
        [EnergyHistoryColumns.BatteryDischarge] = "dischargedWh",
        [EnergyHistoryColumns.SelfConsumption] = "selfConsumedWh",
        [EnergyHistoryColumns.StateOfCharge] = "stateOfChargePercent",
    };

    public static string Write(HistoryTable history, TimeZoneInfo zone)
    {
        var keys = history.Columns.Select(Key).ToList();
        return JsonText.Write(json =>
        {
            json.WriteStartArray();
            foreach (var row in history.Rows)
            {
                json.WriteStartObject();
                json.WriteString("start", Iso(row.Start, zone));
                json.WriteString("end", Iso(row.End, zone));
                for (var i = 0; i < keys.Count; i++)
                {
                    HomeViewJson.Tenth(json, keys[i], row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>
    /// A column's key: the totals' name for a standard column; else the label camel-cased with its unit
    /// (<c>State of charge (Keller)</c> in % → <c>stateOfChargeKellerPercent</c>, <c>Wallbox</c> in Wh → <c>wallboxWh</c>).
    /// </summary>
    public static string Key(HistoryColumn column) =>
        TotalNames.TryGetValue(column.Label, out var name)
            ? name
            : CamelCase(column.Label) + column.Unit switch
            {
                "%" => "Percent",
                "Wh" or "W" => column.Unit,
                _ => string.Empty,
            };

    /// <summary>A label as a camel-cased key: <c>Grid feed-in</c> → <c>gridFeedIn</c>.</summary>
    private static string CamelCase(string label)
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
