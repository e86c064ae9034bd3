using System.Net;
using System.Text.Json;

using Kiwigrid.Client.Auth;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.History;

/// <summary>
/// Kiwigrid's CSV export backend (<c>POST /v1.0/export</c>): sends a history query, split into requests of at most
/// 10,000 rows, logs in again once when the token is refused, and joins the rows of the CSV replies.
/// </summary>
internal sealed partial class HistoryExport : IDisposable
{
    /// <summary>The rows one request asks for at most; below the backend's 10,000 so rounding never crosses it.</summary>
    internal const int RowsPerRequest = 9_600;

    private const int MaxReplyBytes = 64 * 1024 * 1024;
    private const int MaxReportedErrorLength = 200;

    private readonly KiwigridClientOptions _options;
    private readonly IAccessTokenSource _tokens;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly Uri _exportUri;

    public HistoryExport(KiwigridClientOptions options, IAccessTokenSource tokens, ILogger logger)
    {
        _options = options;
        _tokens = tokens;
        _logger = logger;
        _exportUri = new Uri(options.ExportBaseUri, "/v1.0/export");

        _http = CloudHttpClient.Create(options.HttpMessageHandler);
        _http.MaxResponseContentBufferSize = MaxReplyBytes;
    }

    private string Origin => _exportUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The rows of <paramref name="query"/>, contiguous from its start to its end.</summary>
    /// <exception cref="KiwigridServiceException">The backend refused a request or failed.</exception>
    /// <exception cref="KiwigridProtocolException">A reply is not the expected CSV.</exception>
    /// <exception cref="KiwigridConnectionException">The backend cannot be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">A request got no reply within the request timeout.</exception>
    public async Task<HistoryTable> GetAsync(HistoryQuery query, IProgress<HistoryProgress>? progress, CancellationToken cancellationToken)
    {
        var grid = new IntervalGrid(query.Resolution, query.TimeZone);
        var rows = new List<HistoryRow>();
        var requestFrom = query.From;
        var firstRow = grid.Floor(query.From);
        var requests = progress is null ? 0 : CountRequests(grid, firstRow, query.To);
        var completed = 0;
        progress?.Report(new HistoryProgress(completed, requests));
        while (requestFrom < query.To)
        {
            // Every request after the first starts on an interval boundary, so the replies join without gap or overlap.
            var boundary = grid.Advance(firstRow, RowsPerRequest);
            var requestTo = boundary < query.To ? boundary : query.To;
            LogRequest(_logger, requestFrom, requestTo, grid.IsoDuration);
            var body = ExportRequestBody.Write(query.Columns, requestFrom, requestTo, grid);
            foreach (var row in await RequestAsync(body, query.Columns.Count, grid, cancellationToken).ConfigureAwait(false))
            {
                if (rows.Count == 0 || row.Start > rows[^1].Start)
                {
                    rows.Add(row);
                }
            }

            requestFrom = firstRow = boundary;
            progress?.Report(new HistoryProgress(++completed, requests));
        }

        return new HistoryTable(query.Resolution, query.Columns, rows);
    }

    /// <summary>The requests <see cref="GetAsync"/> makes from <paramref name="firstRow"/> to <paramref name="to"/>.</summary>
    private static int CountRequests(IntervalGrid grid, DateTimeOffset firstRow, DateTimeOffset to)
    {
        var requests = 0;
        for (var start = firstRow; start < to; start = grid.Advance(start, RowsPerRequest))
        {
            requests++;
        }

        return requests;
    }

    public void Dispose() => _http.Dispose();

    private async Task<List<HistoryRow>> RequestAsync(byte[] body, int columnCount, IntervalGrid grid, CancellationToken cancellationToken)
    {
        var token = _tokens.Current;
        var (status, reply) = await PostAsync(body, token, cancellationToken).ConfigureAwait(false);
        if (status is HttpStatusCode.Unauthorized or (HttpStatusCode)419)
        {
            // The real backend's answer to an expired token is unknown, so both count as "log in again", once.
            LogTokenRefused(_logger, (int)status);
            token = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            (status, reply) = await PostAsync(body, token, cancellationToken).ConfigureAwait(false);
            if (status is HttpStatusCode.Unauthorized or (HttpStatusCode)419)
            {
                throw new KiwigridServiceException((int)status, null, $"The history export at {Origin} refused the access token (HTTP {(int)status}) even after logging in again.");
            }
        }

        if (status != HttpStatusCode.OK)
        {
            var detail = ServerMessage(reply, token.Value);
            var what = status == HttpStatusCode.BadRequest ? "refused the request" : "failed";
            throw new KiwigridServiceException(
                (int)status,
                null,
                $"The history export at {Origin} {what} with HTTP {(int)status}{(detail is null ? "" : ": " + detail.TrimEnd('.'))}.");
        }

        try
        {
            return ExportCsvReader.Read(reply, columnCount, grid);
        }
        catch (KiwigridProtocolException ex) when (ex.Message.Contains(token.Value, StringComparison.Ordinal))
        {
            // A garbage reply might echo the request; the token stays out of the message.
            throw new KiwigridProtocolException(ex.Message.Replace(token.Value, "***", StringComparison.Ordinal));
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(byte[] body, Auth.AccessToken token, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _exportUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("token", token.Value);
        request.Headers.Accept.ParseAdd("text/csv");
        using var measured = MeasuredOperation.Request(KiwigridTelemetry.Sources.Legacy, request, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var reply = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            measured.Answered((int)response.StatusCode);
            LogReply(_logger, (int)response.StatusCode, reply.Length);
            return (response.StatusCode, reply);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            measured.TimedOut();
            throw new KiwigridTimeoutException($"The history export at {Origin} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new KiwigridProtocolException($"The history export at {Origin} sent a reply larger than {MaxReplyBytes / (1024 * 1024)} MiB.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KiwigridConnectionException($"The history export at {Origin} cannot be reached ({HttpFailureText.Describe(ex)}).", ex);
        }
    }

    /// <summary>The <c>message</c> (else <c>error</c>) of a JSON error reply, shortened, without the token.</summary>
    private static string? ServerMessage(byte[] reply, string token)
    {
        string? text = null;
        try
        {
            using var document = JsonDocument.Parse(reply);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["message", "error"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                        && !string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        text = value.GetString()!.Trim();
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, say): the status says enough.
        }

        if (text is null)
        {
            return null;
        }

        text = text.Replace(token, "***", StringComparison.Ordinal);
        return text.Length > MaxReportedErrorLength ? text[..MaxReportedErrorLength] + "…" : text;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "History export: {From} to {To} at {Resolution}")]
    private static partial void LogRequest(ILogger logger, DateTimeOffset from, DateTimeOffset to, string resolution);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "History export answered HTTP {Status}, {Bytes} bytes")]
    private static partial void LogReply(ILogger logger, int status, int bytes);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "History export refused the access token (HTTP {Status}), logging in again and resending once")]
    private static partial void LogTokenRefused(ILogger logger, int status);
}
