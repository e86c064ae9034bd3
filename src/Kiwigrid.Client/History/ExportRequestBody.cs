using System.Buffers;
using System.Text.Json;

namespace Kiwigrid.Client.History;

/// <summary>
/// The JSON body of one <c>POST /v1.0/export</c>: the columns, the CSV layout the reader expects, and the span.
/// </summary>
internal static class ExportRequestBody
{
    public const char Delimiter = ';';
    public const char DecimalSeparator = ',';
    public const string NullValue = "---";

    /// <summary>The backend's date format; <see cref="ExportCsvReader"/> parses it as <see cref="DotNetDateFormat"/>.</summary>
    public const string DateFormat = "DD.MM.YYYY HH:mm:ss";
    public const string DotNetDateFormat = "dd.MM.yyyy HH:mm:ss";

    private const string FileName = "export.csv";

    /// <summary>The body asking for the rows of <paramref name="columns"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static byte[] Write(IReadOnlyList<HistoryColumn> columns, DateTimeOffset from, DateTimeOffset to, IntervalGrid grid)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("columnInformation");
            foreach (var column in columns)
            {
                WriteColumn(json, column);
            }

            json.WriteEndArray();

            var zoneId = ZoneId(grid.Zone);
            json.WriteStartObject("outputFileConfig");
            json.WriteString("delimiter", Delimiter.ToString());
            json.WriteString("fileName", FileName);
            json.WriteString("timeZoneId", zoneId);
            json.WriteString("timezone", zoneId);
            json.WriteString("dateFormat", DateFormat);
            json.WriteString("replaceForNull", NullValue);
            json.WriteString("decimalSeparator", DecimalSeparator.ToString());
            json.WriteEndObject();

            json.WriteStartObject("aggregationConfig");
            json.WriteString("resolution", grid.IsoDuration);
            json.WriteNumber("from", from.ToUnixTimeSeconds());

            // Rounded up: a row starting within the last fraction of a second still starts before the end.
            json.WriteNumber("to", (to + TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1)).ToUnixTimeSeconds());
            json.WriteString("function", "INC");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The IANA id the backend understands (<c>UTC</c>, <c>Europe/Berlin</c>).</summary>
    public static string ZoneId(TimeZoneInfo zone)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        if (zone.HasIanaId)
        {
            return zone.Id;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)
            ? iana
            : throw new ArgumentException($"The time zone '{zone.Id}' has no IANA name the export backend would understand; use UTC.", nameof(zone));
    }

    private static void WriteColumn(Utf8JsonWriter json, HistoryColumn column)
    {
        json.WriteStartObject();
        json.WriteStartArray("tagsByDevice");
        foreach (var source in column.Sources)
        {
            json.WriteStartObject();
            json.WriteString("guid", source.Guid);
            json.WriteStartArray("tags");
            foreach (var tag in source.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();

            // An increase is the request-wide INC; an average is asked for per device entry.
            if (column.Aggregation == HistoryAggregation.TimeWeightedAverage)
            {
                json.WriteString("function", "TWA");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("label", column.Label);
        json.WriteNumber("precision", column.Precision);
        json.WriteString("baseUnit", column.Unit);
        json.WriteString("decimalUnitPrefix", string.Empty);
        json.WriteEndObject();
    }
}
