using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Emulator.Tests.Support;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Export;

/// <summary>An emulator serving the simulated home on a fake clock, a logged-in token, and export requests over HTTP.</summary>
internal sealed class ExportRun : IAsyncDisposable
{
    /// <summary>The simulated site starts here (and stays here until a test moves the clock).</summary>
    public static readonly DateTimeOffset SiteStart = new(2025, 6, 25, 0, 0, 0, TimeSpan.FromHours(2));

    private readonly HttpClient _http;

    private ExportRun(KiwigridEmulator emulator, FakeTimeProvider clock, string token)
    {
        Emulator = emulator;
        Clock = clock;
        Token = token;
        _http = EmulatorRun.HttpClient(emulator);
    }

    public KiwigridEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public string Token { get; }

    public SimulatedSite Site => (SimulatedSite)Emulator.Site;

    public string Location => Site.LocationGuid;

    public string Battery => Site.BatteryGuid;

    public string PvPlant => $"urn:kiwigrid:pvplant:{Site.Options.EnergyManagerSerial}:0";

    public static SimulationOptions Home(Func<SimulationOptions, SimulationOptions>? configure = null)
    {
        var options = SimulationOptions.Default with { Start = SiteStart };
        return configure is null ? options : configure(options);
    }

    public static async Task<ExportRun> StartAsync(
        SimulationOptions? home = null, Func<EmulatorOptions, EmulatorOptions>? configure = null, Func<TimeProvider, ISite>? site = null)
    {
        var clock = EmulatorRun.FakeClock();
        var options = EmulatorOptions.Default with
        {
            TimeProvider = clock,
            SiteFactory = site ?? (time => new SimulatedSite(home ?? Home(), time)),
        };
        var emulator = await KiwigridEmulator.StartAsync(configure is null ? options : configure(options));
        return new ExportRun(emulator, clock, await RawLogin.AccessTokenAsync(emulator));
    }

    /// <summary>A request in the portal's shape, one column per (guid, tag, function), for a span of epoch seconds.</summary>
    public static JsonObject Body(
        DateTimeOffset from, DateTimeOffset to, IEnumerable<(string Guid, string Tag, string? Function)> columns,
        string resolution = "PT15M", string zone = "UTC", string dateFormat = "YYYY-MM-DD HH:mm:ss", int precision = 3,
        string prefix = "", string replaceForNull = "---", string decimalSeparator = ".")
    {
        var columnInformation = new JsonArray();
        foreach (var (guid, tag, function) in columns)
        {
            var entry = new JsonObject { ["guid"] = guid, ["tags"] = new JsonArray(tag) };
            if (function is not null)
            {
                entry["function"] = function;
            }

            columnInformation.Add((JsonNode)new JsonObject
            {
                ["tagsByDevice"] = new JsonArray(entry),
                ["label"] = " " + tag + " ",
                ["precision"] = precision,
                ["baseUnit"] = tag.StartsWith("Work", StringComparison.Ordinal) ? "Wh" : "%",
                ["decimalUnitPrefix"] = prefix,
            });
        }

        return new JsonObject
        {
            ["columnInformation"] = columnInformation,
            ["outputFileConfig"] = new JsonObject
            {
                ["delimiter"] = ";",
                ["fileName"] = "export.csv",
                ["timeZoneId"] = zone,
                ["timezone"] = zone,
                ["dateFormat"] = dateFormat,
                ["replaceForNull"] = replaceForNull,
                ["decimalSeparator"] = decimalSeparator,
            },
            ["aggregationConfig"] = new JsonObject
            {
                ["resolution"] = resolution,
                ["from"] = from.ToUnixTimeSeconds(),
                ["to"] = to.ToUnixTimeSeconds(),
                ["function"] = "INC",
            },
        };
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode body, string? token = "") => PostAsync(body.ToJsonString(), token);

    /// <summary>Posts to <c>/v1.0/export</c>; the token defaults to the logged-in one, null sends none.</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? token = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/export")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("token", token.Length == 0 ? Token : token);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Posts and returns the CSV, failing the test unless the answer is 200 text/csv.</summary>
    public async Task<Csv> ExportAsync(JsonNode body)
    {
        using var response = await PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return Csv.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A parsed export: header cells and rows of cells, split at <c>;</c> and <c>\r\n</c>.</summary>
internal sealed record Csv(string Text, string[] Header, string[][] Rows)
{
    public static Csv Parse(string text, string delimiter = ";")
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.DoesNotContain(lines, line => line.Contains('\n', StringComparison.Ordinal));
        return new Csv(text, lines[0].Split(delimiter), [.. lines.Skip(1).Select(line => line.Split(delimiter))]);
    }

    public string[] Times => [.. Rows.Select(r => r[0])];

    /// <summary>Column <paramref name="column"/> (1 = the first value column) as numbers; fails on an empty cell.</summary>
    public double[] Numbers(int column) => [.. Rows.Select(r => double.Parse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture))];
}
