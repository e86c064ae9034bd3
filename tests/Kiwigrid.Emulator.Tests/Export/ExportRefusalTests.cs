using System.Net;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Tests.Export;

/// <summary>Bad requests get a 400 whose one sentence names the field; bad tokens 401, expired ones 419.</summary>
public sealed class ExportRefusalTests : IClassFixture<ExportRefusalTests.Fixture>
{
    private static readonly DateTimeOffset From = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);
    private readonly ExportRun _run;

    public ExportRefusalTests(Fixture fixture) => _run = fixture.Run;

    public static TheoryData<string, string, string> BadFields() => new()
    {
        { "columnInformation", "delete", "columnInformation is missing" },
        { "columnInformation", "[]", "columnInformation must not be empty" },
        { "columnInformation", "{}", "columnInformation must be an array" },
        { "columnInformation[0]", "7", "columnInformation[0] must be an object" },
        { "columnInformation[0].label", "delete", "columnInformation[0].label is missing" },
        { "columnInformation[0].label", "3", "columnInformation[0].label must be a string" },
        { "columnInformation[0].precision", "11", "columnInformation[0].precision must be a whole number" },
        { "columnInformation[0].precision", "1.5", "columnInformation[0].precision must be a whole number" },
        { "columnInformation[0].decimalUnitPrefix", "\"M\"", "columnInformation[0].decimalUnitPrefix must be" },
        { "columnInformation[0].baseUnit", "[]", "columnInformation[0].baseUnit must be a string" },
        { "columnInformation[0].tagsByDevice", "delete", "columnInformation[0].tagsByDevice is missing" },
        { "columnInformation[0].tagsByDevice[0].guid", "\"\"", "columnInformation[0].tagsByDevice[0].guid must not be empty" },
        { "columnInformation[0].tagsByDevice[0].guid", "delete", "columnInformation[0].tagsByDevice[0].guid is missing" },
        { "columnInformation[0].tagsByDevice[0].tags", "[1]", "columnInformation[0].tagsByDevice[0].tags[0] must be a tag name" },
        { "columnInformation[0].tagsByDevice[0].tags", "[]", "columnInformation[0].tagsByDevice[0].tags must not be empty" },
        { "columnInformation[0].tagsByDevice[0].function", "\"AVG\"", "columnInformation[0].tagsByDevice[0].function must be INC or TWA" },
        { "aggregationConfig", "delete", "aggregationConfig is missing" },
        { "aggregationConfig.resolution", "\"PT10M\"", "aggregationConfig.resolution must be one of" },
        { "aggregationConfig.resolution", "delete", "aggregationConfig.resolution is missing" },
        { "aggregationConfig.function", "\"SUM\"", "aggregationConfig.function must be INC or TWA" },
        { "aggregationConfig.from", "delete", "aggregationConfig.from is missing" },
        { "aggregationConfig.from", "\"1750464000\"", "aggregationConfig.from must be a whole number" },
        { "aggregationConfig.from", "1750464000.5", "aggregationConfig.from must be a whole number" },
        { "aggregationConfig.to", "-5", "aggregationConfig.to must be a whole number" },
        { "aggregationConfig.to", "1750464000", "aggregationConfig.from must be before aggregationConfig.to" },
        { "aggregationConfig.to", "1760000000", "more than the 10000 intervals" },
        { "outputFileConfig", "\"csv\"", "outputFileConfig must be an object" },
        { "outputFileConfig.timeZoneId", "\"Mars/Olympus\"", "outputFileConfig.timeZoneId 'Mars/Olympus' is not a known time zone" },
        { "outputFileConfig.timeZoneId", "\"../../etc/passwd\"", "outputFileConfig.timeZoneId must be a time zone" },
        { "outputFileConfig.delimiter", "\"\"", "outputFileConfig.delimiter must be" },
        { "outputFileConfig.decimalSeparator", "\";\"", "outputFileConfig.decimalSeparator must be" },
        { "outputFileConfig.decimalSeparator", "\"..\"", "outputFileConfig.decimalSeparator must be" },
        { "outputFileConfig.dateFormat", "\"DD;MM;YYYY\"", "outputFileConfig.dateFormat must be" },
        { "outputFileConfig.replaceForNull", "\"a;b\"", "outputFileConfig.replaceForNull must not contain" },
        { "outputFileConfig.fileName", "\"../x.csv\"", "outputFileConfig.fileName must be a file name" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_400_with_one_sentence_naming_it(string path, string replacement, string expected)
    {
        var body = Valid();
        Replace(body, path, replacement);

        await AssertRefusedAsync(body.ToJsonString(), expected);
    }

    [Theory]
    [InlineData("", "The body is not valid JSON.")]
    [InlineData("{\"columnInformation\":", "The body is not valid JSON.")]
    [InlineData("[1,2]", "The body must be a JSON object")]
    [InlineData("null", "The body must be a JSON object")]
    public async Task A_body_that_is_no_request_is_400(string body, string expected) => await AssertRefusedAsync(body, expected);

    [Fact]
    public async Task Too_many_different_tags_are_400()
    {
        var body = Valid();
        var devices = body["columnInformation"]![0]!["tagsByDevice"]!.AsArray();
        devices.Clear();
        foreach (var guid in new[] { "urn:a", "urn:b" })
        {
            var tags = new JsonArray();
            for (var i = 0; i < 51; i++)
            {
                tags.Add((JsonNode)$"Tag{i}");
            }

            devices.Add((JsonNode)new JsonObject { ["guid"] = guid, ["tags"] = tags });
        }

        await AssertRefusedAsync(body.ToJsonString(), "columnInformation names more than 100 different device tags");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("eyJ1c2VyX2lkIjoiZGVtb0BleGFtcGxlLmNvbSIsImV4cGlyYXRpb24iOjk5OTk5OTk5OTk5OTl9LkFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQT0")]
    public async Task A_missing_or_forged_token_is_401_before_the_body_is_read(string? token)
    {
        using var response = await _run.PostAsync("not even json", token is null ? null : token.Length == 0 ? " " : token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"error\":\"invalid_token\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_token_is_419()
    {
        await using var run = await ExportRun.StartAsync(configure: o => o with { TokenLifetime = TimeSpan.FromMinutes(5) });
        var body = ExportRun.Body(From, From.AddHours(1), [(run.Location, "WorkConsumed", null)]);
        using (var fresh = await run.PostAsync(body))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        run.Clock.Advance(TimeSpan.FromMinutes(5));
        using var expired = await run.PostAsync(body);

        Assert.Equal(419, (int)expired.StatusCode);
        Assert.Equal("{\"error\":\"token_expired\"}", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_from_another_emulator_is_401()
    {
        await using var other = await ExportRun.StartAsync();
        using var response = await _run.PostAsync(Valid(), other.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task AssertRefusedAsync(string body, string expected)
    {
        using var response = await _run.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("invalid_request", error["error"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain(". ", message, StringComparison.Ordinal);
    }

    private JsonObject Valid() => ExportRun.Body(From, From.AddDays(1), [(_run.Location, "WorkConsumed", null), (_run.Battery, "StateOfCharge", "TWA")]);

    /// <summary>Sets (or with <c>delete</c> removes) the node at a path like <c>a[0].b</c>.</summary>
    private static void Replace(JsonObject body, string path, string replacement)
    {
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = body;
        foreach (var step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            parent[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(replacement);
        }
        else if (replacement == "delete")
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(replacement);
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        internal ExportRun Run { get; private set; } = null!;

        public async Task InitializeAsync() => Run = await ExportRun.StartAsync();

        public async Task DisposeAsync() => await Run.DisposeAsync();
    }
}
