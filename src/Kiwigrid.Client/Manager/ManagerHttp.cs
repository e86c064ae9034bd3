using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// One HTTP exchange with a device on the LAN, on the options' clock and under the certificate policy: no answer in
/// time is a <see cref="KiwigridTimeoutException"/>, no connection a <see cref="KiwigridConnectionException"/>, a refused
/// certificate a <see cref="KiwigridCertificateException"/>. Redirects are not followed and cookies not kept: the session does that.
/// </summary>
internal sealed class ManagerHttp : IDisposable
{
    /// <summary>The session cookie the Manager sets at login.</summary>
    public const string SessionCookieName = "kiwisessionid";

    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly ManagerClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly string _source;

    /// <param name="address">The device's address; only its origin is used.</param>
    /// <param name="options">Timeout, TLS trust, clock and logging.</param>
    /// <param name="source">The telemetry source its requests count under (<see cref="KiwigridTelemetry.Sources"/>).</param>
    public ManagerHttp(Uri address, ManagerClientOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The device's address must be an absolute http or https address.", nameof(address));
        }

        _options = options;
        _source = source;
        _logger = options.LoggerFactory.CreateLogger<ManagerHttp>();
        Origin = new Uri(address.GetLeftPart(UriPartial.Authority));
        Certificates = new ManagerCertificatePolicy(options);
        _http = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(Certificates.CreateHandler(), disposeHandler: true);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.MaxResponseContentBufferSize = MaxBodyBytes;
    }

    /// <summary>The device's origin, e.g. <c>http://192.168.1.20</c>; every path is taken from it.</summary>
    public Uri Origin { get; }

    /// <summary>The origin as people write it, without the final '/'.</summary>
    public string OriginText => Origin.AbsoluteUri.TrimEnd('/');

    /// <summary>Which certificates are accepted, and which one was pinned.</summary>
    public ManagerCertificatePolicy Certificates { get; }

    /// <summary>Sends <paramref name="request"/> (disposed here) and reads the whole answer.</summary>
    public async Task<ManagerAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var path = request.RequestUri!.AbsolutePath;
        using var measured = MeasuredOperation.Request(_source, request, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            measured.Answered((int)response.StatusCode);
            return new ManagerAnswer(
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                body,
                response.Headers.Location is { } location ? new Uri(request.RequestUri, location) : null,
                SessionCookie(response));
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            measured.TimedOut();
            throw new KiwigridTimeoutException($"The device at {OriginText} did not answer {path} within {_options.RequestTimeout.TotalSeconds:0.#} s; check that it is switched on and reachable.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException || Certificates.RefusedFingerprint is not null && ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw Certificates.Refusal(OriginText, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KiwigridConnectionException($"Cannot reach the device at {OriginText} ({HttpFailureText.Describe(ex)}); check the address and the network.", ex);
        }
        finally
        {
            request.Dispose();
        }
    }

    public Task<ManagerAnswer> GetAsync(string path, string? sessionCookie, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Origin, path));
        request.Headers.Accept.ParseAdd("application/json");
        if (sessionCookie is not null)
        {
            request.Headers.Add("Cookie", $"{SessionCookieName}={sessionCookie}");
        }

        return SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string? SessionCookie(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }

        foreach (var cookie in cookies)
        {
            var pair = cookie.AsSpan();
            pair = pair[..(pair.IndexOf(';') is var end and >= 0 ? end : pair.Length)].Trim();
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Trim().SequenceEqual(SessionCookieName) && pair[(equals + 1)..].Trim() is { Length: > 0 } value)
            {
                return value.ToString();
            }
        }

        return null;
    }
}
