using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using CsCheck;

using Kiwigrid.Emulator.Export;
using Kiwigrid.Testing;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>
/// Properties of the export request parser: any well-formed request round-trips its fields, arbitrary JSON in any
/// field is a request or a one-sentence refusal, and hostile sizes are refused in bounded memory.
/// </summary>
public sealed class ExportRequestProperties
{
    private const long LatestEpochSecond = 32_503_680_000;

    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe"];

    private static readonly (string Name, long Seconds)[] Resolutions = [("PT5M", 300), ("PT15M", 900), ("PT30M", 1800), ("PT1H", 3600), ("P1D", 86400)];

    /// <summary>Text the CSV can carry in a cell: no quote, line break or <c>;</c> (the generated requests' delimiter).</summary>
    private static readonly Gen<string> CellText = ArbitraryJson.WellFormedString
        .Select(text => new string([.. text.Where(ch => ch is not ('"' or '\r' or '\n' or ';'))]));

    private static readonly Gen<string> DateFormat = Gen.OneOf("YYYY", "MM", "DD", "HH", "mm", "ss", "Y", "M", "-", ".", " ", "T", "h", "ä", "☀")
        .Array[1, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<JsonObject> Entry = Gen.Select(
            Gen.String[1, 40].Where(guid => guid.Length > 0), CellText.Where(tag => tag.Length > 0).Array[1, 3], Gen.OneOf<string?>(null, "INC", "TWA"))
        .Select((guid, tags, function) =>
        {
            var entry = new JsonObject { ["guid"] = guid, ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]) };
            if (function is not null)
            {
                entry["function"] = function;
            }

            return entry;
        });

    private static readonly Gen<JsonObject> Column = Gen.Select(Entry.Array[1, 3], CellText, Gen.Int[0, 10], CellText, Gen.OneOf("", "k"))
        .Select((entries, label, precision, unit, prefix) => new JsonObject
        {
            ["tagsByDevice"] = new JsonArray([.. entries]),
            ["label"] = label,
            ["precision"] = precision,
            ["baseUnit"] = unit,
            ["decimalUnitPrefix"] = prefix,
        });

    private static readonly Gen<JsonObject> Request = Gen.Select(
            Column.Array[1, 5], Gen.Int[0, Zones.Length - 1], DateFormat, Gen.OneOf("---", "", "n/a", "NULL"), Gen.OneOf(",", "."))
        .SelectMany((columns, zone, dateFormat, replaceForNull, separator) => Gen.Select(
                Gen.Int[0, Resolutions.Length - 1], Gen.Long[86_400, LatestEpochSecond - (10_000L * 86_400)], Gen.Int[1, 9_998], Gen.OneOf<string?>(null, "INC", "TWA"))
            .Select((resolution, from, rows, function) =>
            {
                var aggregation = new JsonObject
                {
                    ["resolution"] = Resolutions[resolution].Name,
                    ["from"] = from,
                    ["to"] = from + (rows * Resolutions[resolution].Seconds),
                };
                if (function is not null)
                {
                    aggregation["function"] = function;
                }

                return new JsonObject
                {
                    ["columnInformation"] = new JsonArray([.. columns]),
                    ["outputFileConfig"] = new JsonObject
                    {
                        ["delimiter"] = ";",
                        ["fileName"] = "export.csv",
                        ["timeZoneId"] = Zones[zone],
                        ["dateFormat"] = dateFormat,
                        ["replaceForNull"] = replaceForNull,
                        ["decimalSeparator"] = separator,
                    },
                    ["aggregationConfig"] = aggregation,
                };
            }));

    [Fact]
    public void Any_well_formed_request_round_trips_its_fields()
    {
        Request.Sample(json =>
        {
            var request = ExportRequestParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()));

            var output = json["outputFileConfig"]!;
            var aggregation = json["aggregationConfig"]!;
            var columns = json["columnInformation"]!.AsArray();
            Assert.Equal(columns.Count, request.Columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c]!;
                Assert.Equal(column["label"]!.GetValue<string>().Trim(), request.Columns[c].Label);
                Assert.Equal(column["precision"]!.GetValue<int>(), request.Columns[c].Precision);
                Assert.Equal(column["baseUnit"]!.GetValue<string>(), request.Columns[c].BaseUnit);
                Assert.Equal(column["decimalUnitPrefix"]!.GetValue<string>(), request.Columns[c].DecimalUnitPrefix);
                var expected = column["tagsByDevice"]!.AsArray().SelectMany(entry => entry!["tags"]!.AsArray().Select(tag => new TagSeries(
                    entry["guid"]!.GetValue<string>(),
                    tag!.GetValue<string>(),
                    (entry["function"] ?? aggregation["function"])?.GetValue<string>() == "TWA" ? TagAggregate.TimeWeightedAverage : TagAggregate.Increase)));
                Assert.Equal(expected, request.Columns[c].Sources);
            }

            var layout = request.Layout;
            Assert.Equal(";", layout.Delimiter);
            Assert.Equal("export.csv", layout.FileName);
            Assert.Equal(output["timeZoneId"]!.GetValue<string>(), layout.TimeZone.Id);
            Assert.Equal(output["replaceForNull"]!.GetValue<string>(), layout.ReplaceForNull);
            Assert.Equal(output["decimalSeparator"]!.GetValue<string>(), layout.DecimalSeparator);
            var sample = new DateTime(2031, 2, 3, 4, 5, 6, DateTimeKind.Unspecified);
            var formatted = new StringBuilder();
            layout.DateFormat.Append(formatted, sample);
            Assert.Equal(Formatted(output["dateFormat"]!.GetValue<string>(), sample), formatted.ToString());

            var from = DateTimeOffset.FromUnixTimeSeconds(aggregation["from"]!.GetValue<long>());
            var to = DateTimeOffset.FromUnixTimeSeconds(aggregation["to"]!.GetValue<long>());
            var rows = request.Intervals;
            Assert.InRange(from, rows.Start(0), rows.End(0) - TimeSpan.FromTicks(1));
            Assert.True(rows.Start(rows.Count - 1) < to && rows.Last >= to, "The rows do not end with the one holding 'to'.");
            for (var r = 0; r < rows.Count; r++)
            {
                Assert.Equal(rows.End(r), r + 1 < rows.Count ? rows.Start(r + 1) : rows.Last);
            }
        }, iter: 300);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void Arbitrary_json_in_any_field_is_a_request_or_a_refusal_naming_a_field()
    {
        var site = ExportFuzzSite.Create();
        var valid = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder("export-requests"), "client-utc-pt1h-one-column.json")));
        var fields = new[]
        {
            "\"columnInformation\":", "\"tagsByDevice\":", "\"guid\":", "\"tags\":", "\"label\":", "\"precision\":", "\"baseUnit\":",
            "\"decimalUnitPrefix\":", "\"outputFileConfig\":", "\"delimiter\":", "\"fileName\":", "\"timeZoneId\":", "\"timezone\":",
            "\"dateFormat\":", "\"replaceForNull\":", "\"decimalSeparator\":", "\"aggregationConfig\":", "\"resolution\":", "\"from\":", "\"to\":", "\"function\":",
        };
        Gen.Select(Gen.Int[0, fields.Length - 1], ArbitraryJson.Value).Sample((field, value) =>
        {
            // The field's value replaced up to the next ',' or '}' (a whole scalar, or the start of a nested value).
            var at = valid.IndexOf(fields[field], StringComparison.Ordinal) + fields[field].Length;
            var end = valid.IndexOfAny([',', '}'], at);
            var body = valid[..at] + value + valid[end..];
            ExportRequestReplay.ParseAndExport(Encoding.UTF8.GetBytes(body), site);
        }, iter: 4000);
    }

    public static TheoryData<string, string> HostileBodies()
    {
        const string Tail = "\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":1750802400,\"to\":1750806000}";
        var column = "{\"tagsByDevice\":[{\"guid\":\"urn:a\",\"tags\":[\"WorkACOut\"]}],\"label\":\"x\"}";
        return new()
        {
            { "{\"columnInformation\":[" + string.Join(',', Enumerable.Repeat(column, 10_000)) + "]," + Tail + "}", "columnInformation may hold at most 100 entries." },
            { new string('[', 100_000) + new string(']', 100_000), "The body is not valid JSON." },
            { "{\"columnInformation\":" + new string('[', 50_000) + new string(']', 50_000) + "," + Tail + "}", "The body is not valid JSON." },
            { "{\"columnInformation\":[{\"tagsByDevice\":[],\"label\":\"" + new string('x', 5_000_000) + "\"}]," + Tail + "}", "columnInformation[0].label is longer than 256 characters." },
            { "{\"outputFileConfig\":{\"dateFormat\":\"" + string.Concat(Enumerable.Repeat("YYYY", 1_000_000)) + "\"}," + Tail + ",\"columnInformation\":[" + column + "]}", "outputFileConfig.dateFormat is longer than 256 characters." },
            { "{\"columnInformation\":[{\"tagsByDevice\":[{\"guid\":\"urn:a\",\"tags\":[" + string.Join(',', Enumerable.Repeat("\"a\"", 1_000_000)) + "]}],\"label\":\"x\"}]," + Tail + "}", "columnInformation[0].tagsByDevice[0].tags may hold at most 100 entries." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT5M\",\"from\":0,\"to\":" + LatestEpochSecond + "}}", "aggregationConfig.from to aggregationConfig.to spans more than the 10000 intervals of aggregationConfig.resolution an export may have." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"P1D\",\"from\":0,\"to\":" + LatestEpochSecond + "}}", "aggregationConfig.from to aggregationConfig.to spans more than the 10000 intervals of aggregationConfig.resolution an export may have." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":0,\"to\":" + (LatestEpochSecond + 1) + "}}", "aggregationConfig.to must be a whole number from 0 to 32503680000." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":-1,\"to\":3600}}", "aggregationConfig.from must be a whole number from 0 to 32503680000." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":1e400,\"to\":3600}}", "aggregationConfig.from must be a whole number from 0 to 32503680000." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":1" + new string('0', 500_000) + ",\"to\":3600}}", "aggregationConfig.from must be a whole number from 0 to 32503680000." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":0." + new string('0', 500_000) + "1,\"to\":3600}}", "aggregationConfig.from must be a whole number from 0 to 32503680000." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"" + new string('P', 300) + "\",\"from\":0,\"to\":3600}}", "aggregationConfig.resolution is longer than 256 characters." },
            { "{\"columnInformation\":[" + column + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":3600,\"to\":3600}}", "aggregationConfig.from must be before aggregationConfig.to." },
            { "{\"columnInformation\":[" + column.Replace("\"label\":\"x\"", "\"label\":\"x\",\"precision\":NaN", StringComparison.Ordinal) + "]," + Tail + "}", "The body is not valid JSON." },
            { "{\"columnInformation\":[" + column.Replace("\"label\":\"x\"", "\"label\":\"x\",\"precision\":\"NaN\"", StringComparison.Ordinal) + "]," + Tail + "}", "columnInformation[0].precision must be a whole number from 0 to 10." },
            { "{\"columnInformation\":[" + column.Replace("\"label\":\"x\"", "\"label\":\"x\",\"precision\":-1", StringComparison.Ordinal) + "]," + Tail + "}", "columnInformation[0].precision must be a whole number from 0 to 10." },
            { "{\"columnInformation\":[" + column.Replace("\"label\":\"x\"", "\"label\":\"x\",\"precision\":-0.0", StringComparison.Ordinal) + "],\"aggregationConfig\":{\"resolution\":\"PT1H\",\"from\":1750802400,\"to\":1750806000,\"from\":0}}", "The body is not valid JSON." },
            { "{\"\\ud800\":0,\"columnInformation\":[" + column + "]," + Tail + "}", "The body is not valid JSON: a name holds a lone surrogate escape such as \\ud800." },
        };
    }

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void A_hostile_body_is_refused_in_bounded_memory_with_one_sentence(string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var error = Assert.Throws<InvalidExportRequestException>(() => ExportRequestParser.Parse(bytes));

        var allocated = AllocationMeter.Measure(() => ExportRequestParser.Parse(bytes));

        Assert.Equal(expected, error.Message);
        ExportRequestReplay.AssertOneSentenceNamingAField(error.Message);
        // The JSON tree costs up to ~20 bytes per byte of tiny array items; the endpoint caps bodies at 1 MiB.
        Assert.True(allocated < (24L * bytes.Length) + (1 << 20), $"Refusing {bytes.Length} bytes allocated {allocated} bytes.");
    }

    [Theory]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    [InlineData("PT5M", 0)]
    [InlineData("P1D", 0)]
    [InlineData("P1D", 31_000_000_000)]
    [InlineData("PT1H", 1_700_000_000)]
    public void The_longest_span_an_export_may_ask_for_is_computed_within_the_step_budget(string resolution, long from)
    {
        var step = resolution switch { "PT5M" => 300L, "PT1H" => 3600L, _ => 86_400L };
        var body = Encoding.UTF8.GetBytes(
            "{\"columnInformation\":[{\"tagsByDevice\":[{\"guid\":\"urn:kiwigrid:location:ERC05-000012345:0\",\"tags\":[\"WorkConsumedFromGrid\",\"PowerBuffered\"],\"function\":\"TWA\"}],\"label\":\"x\"}],"
            + $"\"aggregationConfig\":{{\"resolution\":\"{resolution}\",\"from\":{from},\"to\":{from + (9_998 * step)}}}}}");
        var site = ExportFuzzSite.Create(TimeSpan.FromDays(2));
        var clock = Stopwatch.StartNew();

        var csv = ExportRequestReplay.ParseAndExport(body, site);

        // The budget is 60,000 simulation steps (PROTOCOL-NOTES.md): well under a second; minutes would mean no budget.
        Assert.NotNull(csv);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Computing 10,000 rows of {resolution} from {from} took {clock.Elapsed}.");
    }

    [Fact]
    public void Many_references_to_one_tag_are_refused_before_a_row_by_reference_blowup()
    {
        // Under the 1 MiB body limit: 20 columns × 100 entries × 100 references to one tag, over 10,000 rows.
        var tags = string.Join(',', Enumerable.Repeat("\"a\"", 100));
        var entries = string.Join(',', Enumerable.Repeat("{\"guid\":\"u\",\"tags\":[" + tags + "]}", 100));
        var columns = string.Join(',', Enumerable.Repeat("{\"tagsByDevice\":[" + entries + "],\"label\":\"x\"}", 20));
        var body = Encoding.UTF8.GetBytes("{\"columnInformation\":[" + columns + "],\"aggregationConfig\":{\"resolution\":\"PT5M\",\"from\":1750802400,\"to\":" + (1750802400 + (9_999 * 300)) + "}}");
        Assert.InRange(body.Length, 1, 1024 * 1024);
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<InvalidExportRequestException>(() => ExportRequestParser.Parse(body));

        // Computed, the 200,000 references took minutes: every row sums every reference.
        Assert.Equal("columnInformation lists more than 1000 device tags in all.", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Refusing 200,000 references took {clock.Elapsed}.");
    }

    private static string Formatted(string format, DateTime time)
    {
        var text = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            var token = new[] { "YYYY", "MM", "DD", "HH", "mm", "ss" }.FirstOrDefault(t => string.CompareOrdinal(format, i, t, 0, t.Length) == 0);
            text.Append(token switch
            {
                "YYYY" => time.Year.ToString("D4", CultureInfo.InvariantCulture),
                "MM" => time.Month.ToString("D2", CultureInfo.InvariantCulture),
                "DD" => time.Day.ToString("D2", CultureInfo.InvariantCulture),
                "HH" => time.Hour.ToString("D2", CultureInfo.InvariantCulture),
                "mm" => time.Minute.ToString("D2", CultureInfo.InvariantCulture),
                "ss" => time.Second.ToString("D2", CultureInfo.InvariantCulture),
                _ => format[i].ToString(),
            });
            i += token?.Length ?? 1;
        }

        return text.ToString();
    }
}
