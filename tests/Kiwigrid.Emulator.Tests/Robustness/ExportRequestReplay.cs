using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Export;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Emulator.Tests.Export;
using Kiwigrid.Emulator.Tests.Support;
using Kiwigrid.Testing;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>
/// Corpus replay and a bounded mutation fuzz for the export backend's request parser (tests/corpus/export-requests):
/// every body ends in a request the emulator computes and writes as CSV, or an <see cref="InvalidExportRequestException"/>
/// whose one sentence names the field; through HTTP, the latter is a 400, never a 500.
/// </summary>
public sealed class ExportRequestReplay
{
    private const string Target = "export-requests";

    private static readonly string[] Fields = ["columnInformation", "outputFileConfig", "aggregationConfig", "The body"];

    private readonly SimulatedSite _site = ExportFuzzSite.Create();

    public static TheoryData<string> Entries => FuzzCorpus.Names(Target);

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(Target, name, File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder(Target), name)), input => ParseAndExport(input, _site));

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void The_portal_and_client_shaped_seeds_are_accepted_and_computed()
    {
        foreach (var (name, input) in FuzzCorpus.Load(Target).Where(entry => !entry.Name.StartsWith("hand-", StringComparison.Ordinal)))
        {
            var csv = ParseAndExport(input, _site);

            Assert.True(csv is not null, $"{name} was refused.");
            Assert.Contains(csv.Split("\r\n").Skip(1), line => line.Length > 0 && !line.Contains("---", StringComparison.Ordinal));
        }
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void Mutated_requests_only_raise_request_errors() => MutationFuzzer.Run(Target, input => ParseAndExport(input, _site));

    [Fact]
    public async Task Mutated_bodies_the_parser_refuses_are_400_through_http_and_the_others_200()
    {
        var mutants = new List<(byte[] Body, string? Refusal)>();
        MutationFuzzer.Run(Target, input => mutants.Add((input, Refusal(input))));
        var refused = mutants.Where(m => m.Refusal is not null).ToList();
        var accepted = mutants.Where(m => m.Refusal is null).ToList();
        Assert.True(refused.Count > 20 && accepted.Count > 5, $"{refused.Count} refused and {accepted.Count} accepted mutants: the sample is too thin.");

        await using var run = await ExportRun.StartAsync();
        using var http = EmulatorRun.HttpClient(run.Emulator);
        foreach (var (body, refusal) in Sample(refused, 150).Concat(Sample(accepted, 15)))
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/export") { Content = content };
            request.Headers.Add("token", run.Token);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            if (refusal is null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for an accepted body: {text}");
                Assert.StartsWith("Zeitstempel", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for a refused body: {text}");
                var error = JsonNode.Parse(text)!.AsObject();
                Assert.Equal("invalid_request", error["error"]!.GetValue<string>());
                Assert.Equal(refusal, error["message"]!.GetValue<string>());
            }
        }
    }

    /// <summary>
    /// The endpoint's path after the token check: parse, compute over the simulated site, write the CSV. Returns
    /// the CSV, or null when the body is refused with a message that is one sentence naming the field.
    /// </summary>
    internal static string? ParseAndExport(byte[] input, ISite site)
    {
        ExportRequest request;
        try
        {
            request = ExportRequestParser.Parse(input);
        }
        catch (InvalidExportRequestException e)
        {
            AssertOneSentenceNamingAField(e.Message);
            return null;
        }

        var csv = CsvExport.Write(request, ExportValues.Compute(site, request));
        Assert.Equal(request.Intervals.Count + 1, RecordCount(csv));
        return csv;
    }

    /// <summary>CSV records as RFC 4180 counts them: a line break inside a quoted header cell ends none.</summary>
    private static int RecordCount(string csv)
    {
        var records = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && csv[i] == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                records++;
            }
        }

        return records;
    }

    internal static void AssertOneSentenceNamingAField(string message)
    {
        Assert.True(Fields.Any(field => message.StartsWith(field, StringComparison.Ordinal)), $"'{message}' names no field first.");
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.InRange(message.Length, 10, 400);
    }

    private static string? Refusal(byte[] input)
    {
        try
        {
            _ = ExportRequestParser.Parse(input);
            return null;
        }
        catch (InvalidExportRequestException e)
        {
            return e.Message;
        }
    }

    private static IEnumerable<T> Sample<T>(List<T> items, int count) =>
        items.Where((_, i) => i % Math.Max(1, items.Count / count) == 0).Take(count);
}
