using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// Reads the export backend's JSON body (PROTOCOL-NOTES.md, History) into an <see cref="ExportRequest"/>. Every
/// refusal is one sentence naming the field by its path, e.g. <c>columnInformation[0].tagsByDevice[1].guid</c>.
/// Unknown fields are ignored; <c>outputFileConfig</c> and the optional fields have defaults.
/// </summary>
internal static class ExportRequestParser
{
    // Latest accepted epoch second (year 3000): far beyond any history, far from DateTimeOffset's end.
    private const long LatestEpochSecond = 32_503_680_000;
    private const int MaxColumns = 100;
    private const int MaxEntries = 100;
    private const int MaxText = 256;

    // Every row sums its column's references, so their total, not only the distinct tags, bounds the work.
    private const int MaxReferences = 1_000;

    // Longer number text is no whole number in range; decimal would silently round away its 29th digit on.
    private const int MaxNumberText = 40;

    // Bounds the history's tables (series × rows) whatever the nesting of columns and devices.
    private const int MaxSeries = 100;

    private static readonly Dictionary<string, TimeSpan> Resolutions = new(StringComparer.Ordinal)
    {
        ["PT5M"] = TimeSpan.FromMinutes(5),
        ["PT15M"] = TimeSpan.FromMinutes(15),
        ["PT30M"] = TimeSpan.FromMinutes(30),
        ["PT1H"] = TimeSpan.FromHours(1),
        ["P1D"] = TimeSpan.FromDays(1),
    };

    /// <exception cref="InvalidExportRequestException">The body is not a valid export request.</exception>
    public static ExportRequest Parse(ReadOnlySpan<byte> body)
    {
        // The JSON reader checks names and strings only when they are read, and then throws InvalidOperationException.
        if (!Utf8.IsValid(body))
        {
            throw new InvalidExportRequestException("The body is not UTF-8 text.");
        }

        JsonNode? root;
        try
        {
            // A repeated key would otherwise surface as an ArgumentException when the object is first read.
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            ReadNames(root);
        }
        catch (JsonException)
        {
            throw new InvalidExportRequestException("The body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            throw new InvalidExportRequestException("The body is not valid JSON: a name holds a lone surrogate escape such as \\ud800.");
        }

        if (root is not JsonObject request)
        {
            throw new InvalidExportRequestException("The body must be a JSON object with columnInformation, outputFileConfig and aggregationConfig.");
        }

        var aggregation = Object(request, "aggregationConfig", "aggregationConfig", required: true)!;
        var defaultAggregate = Aggregate(aggregation, "aggregationConfig.function", TagAggregate.Increase);
        var layout = Layout(Object(request, "outputFileConfig", "outputFileConfig", required: false) ?? []);
        var columns = Columns(request, defaultAggregate);
        var intervals = Intervals(aggregation, layout.TimeZone);
        return new ExportRequest(columns, layout, intervals);
    }

    /// <summary>Reads every object's member names now, so a name that is no valid text fails here rather than on first use.</summary>
    private static void ReadNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (_, value) in members)
                {
                    ReadNames(value);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    ReadNames(item);
                }

                break;
        }
    }

    private static List<ExportColumn> Columns(JsonObject request, TagAggregate defaultAggregate)
    {
        var list = Array(request, "columnInformation", "columnInformation", MaxColumns);
        var columns = new List<ExportColumn>(list.Count);
        var references = 0;
        for (var c = 0; c < list.Count; c++)
        {
            var path = $"columnInformation[{c}]";
            var column = list[c] as JsonObject ?? throw Invalid($"{path} must be an object.");
            var label = Text(column, "label", $"{path}.label", null).Trim();
            var precision = Integer(column, "precision", $"{path}.precision", 2, 0, 10);
            var baseUnit = Text(column, "baseUnit", $"{path}.baseUnit", string.Empty);
            var prefix = Text(column, "decimalUnitPrefix", $"{path}.decimalUnitPrefix", string.Empty);
            if (prefix is not ("" or "k"))
            {
                throw Invalid($"{path}.decimalUnitPrefix must be \"\" or \"k\".");
            }

            var sources = new List<TagSeries>();
            var devices = Array(column, "tagsByDevice", $"{path}.tagsByDevice", MaxEntries);
            for (var d = 0; d < devices.Count; d++)
            {
                var entryPath = $"{path}.tagsByDevice[{d}]";
                var entry = devices[d] as JsonObject ?? throw Invalid($"{entryPath} must be an object.");
                var guid = Text(entry, "guid", $"{entryPath}.guid", null);
                if (guid.Length == 0)
                {
                    throw Invalid($"{entryPath}.guid must not be empty.");
                }

                var aggregate = Aggregate(entry, $"{entryPath}.function", defaultAggregate);
                var tags = Array(entry, "tags", $"{entryPath}.tags", MaxEntries);
                for (var t = 0; t < tags.Count; t++)
                {
                    if (!TryGetString(tags[t], out var name) || name.Length is 0 or > MaxText)
                    {
                        throw Invalid($"{entryPath}.tags[{t}] must be a tag name.");
                    }

                    if (++references > MaxReferences)
                    {
                        throw Invalid($"columnInformation lists more than {MaxReferences} device tags in all.");
                    }

                    sources.Add(new TagSeries(guid, name, aggregate));
                }
            }

            columns.Add(new ExportColumn(label, (int)precision, baseUnit, prefix, sources));
        }

        if (columns.SelectMany(c => c.Sources).Distinct().Count() > MaxSeries)
        {
            throw Invalid($"columnInformation names more than {MaxSeries} different device tags.");
        }

        return columns;
    }

    private static ExportLayout Layout(JsonObject output)
    {
        var delimiter = Text(output, "delimiter", "outputFileConfig.delimiter", ";");
        if (delimiter.Length is 0 or > 4 || delimiter.Any(ch => ch is '"' or '\r' or '\n' || char.IsAsciiDigit(ch)))
        {
            throw Invalid("outputFileConfig.delimiter must be one to four characters without digits, quotes or line breaks.");
        }

        var separator = Text(output, "decimalSeparator", "outputFileConfig.decimalSeparator", ".");
        if (separator.Length != 1 || separator[0] is '"' or '\r' or '\n' or '-' || char.IsAsciiDigit(separator[0])
            || delimiter.Contains(separator, StringComparison.Ordinal))
        {
            throw Invalid("outputFileConfig.decimalSeparator must be one character that is no digit, sign or quote and not part of the delimiter.");
        }

        var fileName = Text(output, "fileName", "outputFileConfig.fileName", "export.csv");
        if (fileName.Length == 0 || fileName.Any(ch => char.IsControl(ch) || ch is '"' or '\\' or '/'))
        {
            throw Invalid("outputFileConfig.fileName must be a file name without quotes, slashes or control characters.");
        }

        // Both spellings appear in the portal's request; timeZoneId wins.
        var zoneField = output.ContainsKey("timeZoneId") || !output.ContainsKey("timezone") ? "timeZoneId" : "timezone";
        var zone = TimeZone(Text(output, zoneField, "outputFileConfig." + zoneField, "UTC"), "outputFileConfig." + zoneField);

        var dateFormat = Text(output, "dateFormat", "outputFileConfig.dateFormat", "YYYY-MM-DD HH:mm:ss");
        if (dateFormat.Length == 0 || Breaks(dateFormat, delimiter))
        {
            throw Invalid("outputFileConfig.dateFormat must be non-empty, without line breaks, quotes or the delimiter.");
        }

        var replaceForNull = Text(output, "replaceForNull", "outputFileConfig.replaceForNull", string.Empty);
        if (Breaks(replaceForNull, delimiter))
        {
            throw Invalid("outputFileConfig.replaceForNull must not contain line breaks, quotes or the delimiter.");
        }

        return new ExportLayout(delimiter, fileName, zone, ExportDateFormat.Parse(dateFormat), replaceForNull, separator);
    }

    private static ExportIntervals Intervals(JsonObject aggregation, TimeZoneInfo zone)
    {
        var resolutionName = Text(aggregation, "resolution", "aggregationConfig.resolution", null);
        if (!Resolutions.TryGetValue(resolutionName, out var resolution))
        {
            throw Invalid("aggregationConfig.resolution must be one of PT5M, PT15M, PT30M, PT1H or P1D.");
        }

        var from = Integer(aggregation, "from", "aggregationConfig.from", null, 0, LatestEpochSecond);
        var to = Integer(aggregation, "to", "aggregationConfig.to", null, 0, LatestEpochSecond);
        if (from >= to)
        {
            throw Invalid("aggregationConfig.from must be before aggregationConfig.to.");
        }

        return ExportIntervals.Create(resolution, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to), zone);
    }

    private static TagAggregate Aggregate(JsonObject parent, string path, TagAggregate fallback)
    {
        var name = Text(parent, "function", path, string.Empty);
        return name switch
        {
            "" => fallback,
            "INC" => TagAggregate.Increase,
            "TWA" => TagAggregate.TimeWeightedAverage,
            _ => throw Invalid($"{path} must be INC or TWA."),
        };
    }

    private static TimeZoneInfo TimeZone(string id, string path)
    {
        // Only zone-name characters reach the system lookup, which reads files named after the id.
        if (id.Length is 0 or > 64 || !id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '+')
            || id.Contains("..", StringComparison.Ordinal) || id.StartsWith('/'))
        {
            throw Invalid($"{path} must be a time zone such as UTC or Europe/Berlin.");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException)
        {
            throw Invalid($"{path} '{id}' is not a known time zone.");
        }
    }

    private static bool Breaks(string text, string delimiter) =>
        text.Length > MaxText || text.Any(ch => ch is '"' or '\r' or '\n') || text.Contains(delimiter, StringComparison.Ordinal);

    private static JsonObject? Object(JsonObject parent, string name, string path, bool required) => parent[name] switch
    {
        JsonObject value => value,
        null when !required => null,
        null => throw Invalid($"{path} is missing."),
        _ => throw Invalid($"{path} must be an object."),
    };

    private static JsonArray Array(JsonObject parent, string name, string path, int max) => parent[name] switch
    {
        JsonArray { Count: 0 } => throw Invalid($"{path} must not be empty."),
        JsonArray { Count: var count } when count > max => throw Invalid($"{path} may hold at most {max} entries."),
        JsonArray value => value,
        null => throw Invalid($"{path} is missing."),
        _ => throw Invalid($"{path} must be an array."),
    };

    private static string Text(JsonObject parent, string name, string path, string? fallback)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || (node is null && fallback is not null))
        {
            return fallback ?? throw Invalid($"{path} is missing.");
        }

        if (TryGetString(node, out var text))
        {
            return text.Length <= MaxText ? text : throw Invalid($"{path} is longer than {MaxText} characters.");
        }

        throw Invalid($"{path} must be a string.");
    }

    /// <summary>A JSON string's text; false for other values and for strings holding a lone surrogate escape (<c>\ud800</c>).</summary>
    private static bool TryGetString(JsonNode? node, out string text)
    {
        text = string.Empty;
        try
        {
            return node is JsonValue value && value.TryGetValue(out text!);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static long Integer(JsonObject parent, string name, string path, long? fallback, long min, long max)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || (node is null && fallback is not null))
        {
            return fallback ?? throw Invalid($"{path} is missing.");
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && value.ToJsonString() is { Length: <= MaxNumberText } text
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number >= min && number <= max)
        {
            return (long)number;
        }

        throw Invalid($"{path} must be a whole number from {min} to {max}.");
    }

    private static InvalidExportRequestException Invalid(string message) => new(message);
}
