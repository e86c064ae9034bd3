using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Tests.Local;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Client.Tests.History;

/// <summary>One request the fake export backend received: its token header and its JSON body.</summary>
internal sealed record ExportRequest(string? Token, string? ContentType, JsonObject Body)
{
    public long From => (long)Body["aggregationConfig"]!["from"]!;

    public long To => (long)Body["aggregationConfig"]!["to"]!;

    public JsonArray Columns => Body["columnInformation"]!.AsArray();
}

/// <summary>
/// Kiwigrid's CSV export backend on loopback, written from docs/PROTOCOL-NOTES.md independently of the client: it
/// checks the token header, validates the request, and answers CSV in the requested layout and time zone. A value is
/// <see cref="Value"/>'s answer per column and interval start; a test may replace the whole answer with <see cref="Override"/>.
/// </summary>
internal sealed class FakeExportBackend : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly List<ExportRequest> _requests = [];

    private FakeExportBackend(LoopbackHttpServer server) => _server = server;

    public Uri BaseUri => _server.BaseUri;

    public IReadOnlyList<ExportRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The tokens the backend accepts; any other gets 401, <see cref="ExpiredTokens"/> get 419.</summary>
    public HashSet<string> ValidTokens { get; } = [];

    public HashSet<string> ExpiredTokens { get; } = [];

    /// <summary>The value of a column (index, its JSON) at an interval start; null is sent as replaceForNull.</summary>
    public Func<int, JsonObject, DateTimeOffset, double?> Value { get; set; } = (column, _, start) => column + (start.Hour / 100.0);

    /// <summary>When set, answers every authorised request instead of the CSV: status and body.</summary>
    public Func<ExportRequest, (int Status, string ContentType, string Body)>? Override { get; set; }

    /// <summary>When set, requests wait here before being answered (for timeouts).</summary>
    public TaskCompletionSource? Stall { get; set; }

    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeExportBackend> StartAsync()
    {
        FakeExportBackend? backend = null;
        var server = await LoopbackHttpServer.StartAsync(app => app.MapPost("/v1.0/export", (HttpContext context) => backend!.AnswerAsync(context)));
        backend = new FakeExportBackend(server);
        return backend;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        var request = new ExportRequest(context.Request.Headers["token"].FirstOrDefault(), context.Request.ContentType, body);
        lock (_requests)
        {
            _requests.Add(request);
        }

        RequestArrived.TrySetResult();
        if (Stall is { } stall)
        {
            await stall.Task.WaitAsync(context.RequestAborted);
        }

        if (request.Token is null || ExpiredTokens.Contains(request.Token))
        {
            await Json(context, request.Token is null ? 401 : 419, request.Token is null ? """{"error":"invalid_token"}""" : """{"error":"token_expired"}""");
            return;
        }

        if (!ValidTokens.Contains(request.Token))
        {
            await Json(context, 401, """{"error":"invalid_token"}""");
            return;
        }

        if (Override is { } replace)
        {
            var (status, contentType, text) = replace(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(text);
            return;
        }

        var csv = Csv(request, out var problem);
        if (problem is not null)
        {
            await Json(context, 400, new JsonObject { ["error"] = "invalid_request", ["message"] = problem }.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{(string?)body["outputFileConfig"]?["fileName"]}\"";
        await context.Response.WriteAsync(csv);
    }

    private string Csv(ExportRequest request, out string? problem)
    {
        problem = null;
        var output = request.Body["outputFileConfig"]!;
        var aggregation = request.Body["aggregationConfig"]!;
        var delimiter = (string)output["delimiter"]!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById((string)output["timeZoneId"]!);
        var step = (string)aggregation["resolution"]! switch
        {
            "PT5M" => TimeSpan.FromMinutes(5),
            "PT15M" => TimeSpan.FromMinutes(15),
            "PT30M" => TimeSpan.FromMinutes(30),
            "PT1H" => TimeSpan.FromHours(1),
            "P1D" => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        if (step == TimeSpan.Zero || request.From >= request.To)
        {
            problem = "The resolution must be one of PT5M, PT15M, PT30M, PT1H, P1D and from must be before to.";
            return "";
        }

        var columns = request.Columns.Select(c => c!.AsObject()).ToList();
        var text = new StringBuilder("Zeitstempel");
        foreach (var column in columns)
        {
            text.Append(delimiter).Append(((string)column["label"]!).Trim());
            if ((string)column["baseUnit"]! is { Length: > 0 } unit)
            {
                text.Append(" [").Append((string)column["decimalUnitPrefix"]!).Append(unit).Append(']');
            }
        }

        text.Append("\r\n");
        var to = DateTimeOffset.FromUnixTimeSeconds(request.To);
        var rows = 0;
        for (var start = Floor(DateTimeOffset.FromUnixTimeSeconds(request.From), step, zone); start < to; start = Next(start, step, zone))
        {
            if (++rows > 10_000)
            {
                problem = "The request asks for more than 10000 rows.";
                return "";
            }

            text.Append(Format(TimeZoneInfo.ConvertTime(start, zone).DateTime, (string)output["dateFormat"]!));
            for (var c = 0; c < columns.Count; c++)
            {
                text.Append(delimiter);
                text.Append(Value(c, columns[c], start) is { } value
                    ? value.ToString("F" + (int)columns[c]["precision"]!, CultureInfo.InvariantCulture).Replace(".", (string)output["decimalSeparator"]!, StringComparison.Ordinal)
                    : (string)output["replaceForNull"]!);
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan step, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        if (step == TimeSpan.FromDays(1))
        {
            return new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        }

        return time.AddTicks(-(time.UtcTicks % step.Ticks));
    }

    private static DateTimeOffset Next(DateTimeOffset start, TimeSpan step, TimeZoneInfo zone)
    {
        if (step != TimeSpan.FromDays(1))
        {
            return start + step;
        }

        var day = TimeZoneInfo.ConvertTime(start, zone).Date.AddDays(1);
        return new DateTimeOffset(day, zone.GetUtcOffset(day));
    }

    private static string Format(DateTime local, string format) => format
        .Replace("YYYY", local.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MM", local.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("DD", local.Day.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("HH", local.Hour.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("mm", local.Minute.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("ss", local.Second.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }
}
