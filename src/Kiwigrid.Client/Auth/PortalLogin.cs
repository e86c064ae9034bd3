using System.Net;
using System.Text.Json;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Auth;

/// <summary>
/// The portal login: four HTTP steps from username and password to an access token. Redirects are read, never
/// followed, and cookies are taken from the <c>Set-Cookie</c> headers, so every step can be checked on its own.
/// Step 3 always goes to the configured desktop base: only the code is taken from the redirect, so a login never
/// leaves the configured hosts.
/// </summary>
internal sealed partial class PortalLogin : IDisposable
{
    private const string SessionCookie = "session_id";
    private const string DesktopCookie = "webcore_sid";
    private const int MaxReportedErrorLength = 200;

    private readonly KiwigridClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public PortalLogin(KiwigridClientOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<PortalLogin>();

        _http = CloudHttpClient.Create(options.HttpMessageHandler);
    }

    /// <summary>The <c>redirect_uri</c> the desktop app registers: its auth-grant endpoint.</summary>
    private string RedirectUri => new Uri(_options.DesktopBaseUri, "/rest/auth/auth_grant").AbsoluteUri;

    /// <summary>The query of the authorize request (step 2), also sent as <c>originalRequest</c> in step 1.</summary>
    private string AuthorizeQuery =>
        $"response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=&client_id={Uri.EscapeDataString(_options.ClientId)}&overrideRedirectUri=true";

    /// <summary>Logs in and returns the access token and the login cookies.</summary>
    /// <exception cref="KiwigridAuthenticationException">A step was refused or answered unexpectedly.</exception>
    /// <exception cref="KiwigridProtocolException">The login server is no Kiwigrid portal (its answer is no portal's).</exception>
    /// <exception cref="KiwigridConnectionException">A host could not be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">A step got no answer within the request timeout.</exception>
    public async Task<PortalSession> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        using var measured = MeasuredOperation.Login(KiwigridTelemetry.Sources.Legacy, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            var session = await RunStepsAsync(username, password, cancellationToken).ConfigureAwait(false);
            measured.Succeeded();
            return session;
        }
        catch (Exception e) when (measured.Failed(e))
        {
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<PortalSession> RunStepsAsync(string username, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();

        // Step 1: credentials → session cookie.
        var loginUri = new Uri(_options.AuthBaseUri, "/login");
        using var form = new FormUrlEncodedContent(
        [
            new("username", username),
            new("password", password),
            new("autologin", "false"),
            new("channel", _options.Channel),
            new("originalRequest", "/authorize?" + AuthorizeQuery),
        ]);
        using var step1 = await SendAsync(1, new HttpRequestMessage(HttpMethod.Post, loginUri) { Content = form }, cancellationToken).ConfigureAwait(false);
        if (step1.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new KiwigridAuthenticationException(1, 401, "Login failed at step 1 (login): the portal rejected the username or password (HTTP 401).");
        }

        await ExpectPortalAsync(step1, loginUri, cancellationToken).ConfigureAwait(false);
        await ExpectStatusAsync(1, step1, password, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        var sessionId = TakeCookie(1, step1, loginUri, SessionCookie, cookies);

        // Step 2: session cookie → authorization code, carried in the redirect.
        var authorizeUri = new Uri(_options.AuthBaseUri, "/authorize?" + AuthorizeQuery);
        var authorize = new HttpRequestMessage(HttpMethod.Get, authorizeUri);
        authorize.Headers.Add("Cookie", $"{SessionCookie}={sessionId}");
        using var step2 = await SendAsync(2, authorize, cancellationToken).ConfigureAwait(false);
        await ExpectStatusAsync(2, step2, password, cancellationToken, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect).ConfigureAwait(false);
        var code = ReadCode(step2);

        // Step 3: code → desktop session cookie.
        var grantUri = new Uri(_options.DesktopBaseUri, "/rest/auth/auth_grant?code=" + Uri.EscapeDataString(code));
        using var step3 = await SendAsync(3, new HttpRequestMessage(HttpMethod.Get, grantUri), cancellationToken).ConfigureAwait(false);
        await ExpectStatusAsync(3, step3, password, cancellationToken, HttpStatusCode.TemporaryRedirect, HttpStatusCode.Found, HttpStatusCode.SeeOther).ConfigureAwait(false);
        var desktopSid = TakeCookie(3, step3, grantUri, DesktopCookie, cookies);

        // Step 4: desktop cookie → context.js holding the token.
        var contextUri = new Uri(_options.DesktopBaseUri, "/js/context.js");
        var context = new HttpRequestMessage(HttpMethod.Get, contextUri);
        context.Headers.Add("Cookie", $"{DesktopCookie}={desktopSid}");
        using var step4 = await SendAsync(4, context, cancellationToken).ConfigureAwait(false);
        await ExpectStatusAsync(4, step4, password, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        var script = await step4.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var token = ContextJs.FindAccessToken(script)
            ?? throw new KiwigridAuthenticationException(4, 200, "Login step 4 (context.js) failed: the script holds no accessToken.");

        var accessToken = new AccessToken(token);
        LogLoggedIn(_logger, accessToken.Expiration);
        return new PortalSession(accessToken, cookies);
    }

    private static string StepName(int step) => step switch
    {
        1 => "login",
        2 => "authorize",
        3 => "auth grant",
        _ => "context.js",
    };

    private async Task<HttpResponseMessage> SendAsync(int step, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var target = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        using var measured = MeasuredOperation.Request(KiwigridTelemetry.Sources.Legacy, request, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            measured.Answered((int)response.StatusCode);
            LogStep(_logger, step, (int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            measured.TimedOut();
            throw new KiwigridTimeoutException($"Login step {step} ({StepName(step)}): {target} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            // The inner exception keeps the details; the message names only the host, never the query (step 3 holds the code).
            throw new KiwigridConnectionException($"Login step {step} ({StepName(step)}): cannot reach {target} ({HttpFailureText.Describe(ex)}).", ex);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>
    /// Tells a server that is no Kiwigrid portal (a wrong URL, another web server) from a portal that refuses the
    /// login, so that a wrong address is not reported as a wrong password. A portal answers its login with 200 and the
    /// session cookie, or refuses with 401, 403, 429 or an error in JSON; a 404, 405 or 501 says there is no login
    /// here at all, and any other status with an HTML or empty body is some other server's error page.
    /// </summary>
    /// <exception cref="KiwigridProtocolException">The answer is not a portal's.</exception>
    private static async Task ExpectPortalAsync(HttpResponseMessage response, Uri loginUri, CancellationToken cancellationToken)
    {
        var portal = response.StatusCode switch
        {
            HttpStatusCode.OK => response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.TrimStart().StartsWith(SessionCookie + "=", StringComparison.Ordinal)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => true,
            HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented => false,
            _ => await ReadServerErrorAsync(response, cancellationToken).ConfigureAwait(false) is not null,
        };
        if (!portal)
        {
            // The status alone: a foreign server's reason phrase is its own text, not ours to print.
            var what = response.StatusCode == HttpStatusCode.OK ? " without a session cookie" : string.Empty;
            throw new KiwigridProtocolException(
                $"the login at {loginUri.GetLeftPart(UriPartial.Path)} answered HTTP {(int)response.StatusCode}{what}, which is not a Kiwigrid portal's answer");
        }
    }

    private static async Task ExpectStatusAsync(int step, HttpResponseMessage response, string password, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode))
        {
            return;
        }

        var status = (int)response.StatusCode;
        var serverError = await ReadServerErrorAsync(response, cancellationToken).ConfigureAwait(false);

        // A server may echo what it was sent; the password must not travel on in our message.
        serverError = serverError?.Replace(password, "***", StringComparison.Ordinal);
        var detail = serverError is null ? "" : $": {serverError}";
        throw new KiwigridAuthenticationException(
            step,
            status,
            $"Login step {step} ({StepName(step)}) failed: the server answered HTTP {status} {response.ReasonPhrase}{detail}.");
    }

    private static async Task<string?> ReadServerErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["message", "error_description", "error"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        var text = value.GetString()!;
                        return text.Length > MaxReportedErrorLength ? text[..MaxReportedErrorLength] + "…" : text;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, say): the status says enough.
        }

        return null;
    }

    private static string TakeCookie(int step, HttpResponseMessage response, Uri origin, string name, CookieContainer cookies)
    {
        // Found by name: the original client took "the second Set-Cookie", which breaks as soon as a server reorders them.
        if (response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            foreach (var header in headers)
            {
                var pair = header.AsSpan();
                var end = pair.IndexOf(';');
                if (end >= 0)
                {
                    pair = pair[..end];
                }

                var eq = pair.IndexOf('=');
                if (eq > 0 && pair[..eq].Trim().SequenceEqual(name))
                {
                    var value = pair[(eq + 1)..].Trim().ToString();
                    if (value.Length > 0)
                    {
                        cookies.Add(new Cookie(name, value, "/", origin.Host));
                        return value;
                    }
                }
            }
        }

        throw new KiwigridAuthenticationException(step, (int)response.StatusCode, $"Login step {step} ({StepName(step)}) failed: the server set no {name} cookie.");
    }

    private static string ReadCode(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is not null)
        {
            var query = location.IsAbsoluteUri ? location.Query : new Uri(new Uri("http://localhost"), location).Query;
            foreach (var part in query.TrimStart('?').Split('&'))
            {
                if (part.StartsWith("code=", StringComparison.Ordinal) && part.Length > 5)
                {
                    return Uri.UnescapeDataString(part[5..]);
                }
            }
        }

        throw new KiwigridAuthenticationException(2, (int)response.StatusCode, "Login step 2 (authorize) failed: the redirect carries no authorization code.");
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Login step {Step} answered HTTP {Status}")]
    private static partial void LogStep(ILogger logger, int step, int status);

    // Not the user: the name is personal data, and a log is often shared to report a problem.
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Logged in; the token expires {Expiration}")]
    private static partial void LogLoggedIn(ILogger logger, DateTimeOffset? expiration);
}
