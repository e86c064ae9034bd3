using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// One HTTP exchange with the realm, the portal or the API, on the options' clock: a request that gets no answer in
/// time becomes a <see cref="KiwigridTimeoutException"/>, one that reaches nobody a <see cref="KiwigridConnectionException"/>.
/// Messages name the host only, never a query (it may hold a code) or a header.
/// </summary>
internal sealed class HemsHttp : IDisposable
{
    private readonly HemsClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public HemsHttp(HemsClientOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<HemsHttp>();

        // Redirects are read by hand (cookies per host, no token carried on) and cookies kept by the login itself.
        _http = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Sends <paramref name="request"/> (disposed here) and reads the whole answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeout">How long the answer may take.</param>
    /// <param name="what">What the request is for, for messages, e.g. "login step 2 (credentials)".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var host = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        using var measured = MeasuredOperation.Request(KiwigridTelemetry.Sources.Hems, request, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            measured.Answered((int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            measured.TimedOut();
            throw new KiwigridTimeoutException($"The {what} got no answer from {host} within {timeout.TotalSeconds:0.#} s; try again later.");
        }
        catch (HttpRequestException ex)
        {
            throw new KiwigridConnectionException($"The {what} could not reach {host} ({HttpFailureText.Describe(ex)}); check the network and the address.", ex);
        }
        finally
        {
            request.Dispose();
        }
    }

    public void Dispose() => _http.Dispose();
}
