using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// The SOLARWATT OneID login, driven like a browser: the authorization request through the broker to the OneID
/// page (step 1), the credentials posted to its form (step 2), the redirects back to the portal, which exchanges the
/// code itself (step 3), and the token from the portal's <c>/context</c> (step 4). Cookies are kept per host, as a
/// browser keeps them, so the realm's session cookie never travels to the portal or the other way round.
/// </summary>
internal sealed partial class OneIdLogin(HemsClientOptions options, HemsHttp http)
{
    /// <summary>As many redirects as the public client follows; a browser gives up after about twenty.</summary>
    internal const int MaxRedirects = 10;

    private const string Scope = "openid kiwi-cloud-token-claims email profile";
    private const string IdentityProviderHint = "solarwatt-oneid";

    private readonly ILogger _logger = options.LoggerFactory.CreateLogger<OneIdLogin>();

    /// <summary>Logs in and returns the portal's access token (a JWT).</summary>
    /// <exception cref="KiwigridAuthenticationException">OneID refused the username or password.</exception>
    /// <exception cref="KiwigridProtocolException">An answer is not what a OneID login or the portal answers.</exception>
    /// <exception cref="KiwigridServiceException">A step answered with an HTTP error.</exception>
    /// <exception cref="KiwigridConnectionException">A host could not be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">A step got no answer in time.</exception>
    public async Task<string> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var measured = MeasuredOperation.Login(KiwigridTelemetry.Sources.Hems, options.TimeProvider, _logger, cancellationToken);
        try
        {
            var token = await RunStepsAsync(username, password, cancellationToken).ConfigureAwait(false);
            measured.Succeeded();
            return token;
        }
        catch (Exception e) when (measured.Failed(e))
        {
            throw;
        }
    }

    private async Task<string> RunStepsAsync(string username, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();

        // Step 1: the authorization request; the hint sends it through the broker to the OneID page.
        var redirectUri = new Uri(options.PortalUri, "/rest/auth/auth_grant");
        var state = RandomToken();
        var authorize = new Uri(
            options.RealmUri.AbsoluteUri.TrimEnd('/') + "/protocol/openid-connect/auth"
            + "?client_id=" + Uri.EscapeDataString(options.ClientId)
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri.AbsoluteUri)
            + "&response_type=code"
            + "&scope=" + Uri.EscapeDataString(Scope)
            + "&state=" + state
            + "&nonce=" + RandomToken()
            + "&kc_idp_hint=" + IdentityProviderHint);
        var (page, pageUri) = await FollowAsync(1, new HttpRequestMessage(HttpMethod.Get, authorize), cookies, null, cancellationToken).ConfigureAwait(false);
        using (page)
        {
            ExpectSuccess(1, page, pageUri);
            var html = await page.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var action = FindLoginAction(html, pageUri)
                ?? throw new KiwigridProtocolException(
                    $"Login step 1: {pageUri.GetLeftPart(UriPartial.Path)} is not a SOLARWATT OneID login page (it has no login form); check the realm address.");

            // Step 2: the credentials, redirects not followed: a wrong password answers 200 with the page again.
            using var form = new FormUrlEncodedContent(
            [
                new("username", username),
                new("password", password),
                new("credentialId", string.Empty),
                new("login", "Anmelden"),
            ]);
            var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = form };
            using var answer = await SendAsync(2, post, cookies, cancellationToken).ConfigureAwait(false);
            if (answer.Headers.Location is null)
            {
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    LogRefused(_logger);

                    // Reported as 401, which is what Keycloak's 200-with-the-form-again means: a watch must not retry it.
                    throw new KiwigridAuthenticationException(2, 401, "SOLARWATT OneID refused the username or password; check them in the SOLARWATT portal.");
                }

                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Keycloak's brute-force protection: a refused login like a wrong password (a watch must not retry at
                    // once, which only extends the lockout), told apart by its status as the 2018 login's 429 is.
                    throw new KiwigridAuthenticationException(2, 429, "SOLARWATT OneID locked the login for a while after too many failed attempts.");
                }

                ExpectSuccess(2, answer, action);
                throw new KiwigridProtocolException($"Login step 2: OneID answered the credentials with HTTP {(int)answer.StatusCode} and no redirect, which a OneID login does not do.");
            }

            // Step 3: back through the broker to the portal's auth grant, which sets the portal's session cookie.
            var next = new Uri(action, answer.Headers.Location);
            // Only the realm's redirect to the portal carries the state; the portal's own redirects after it do not.
            var returned = false;
            var (landing, landingUri) = await FollowAsync(
                3, new HttpRequestMessage(HttpMethod.Get, next), cookies, hop => returned = returned || ExpectOwnState(hop, redirectUri, state), cancellationToken).ConfigureAwait(false);
            using (landing)
            {
                if (landing.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
                {
                    // Keycloak's codes live a minute and serve once: a slow or repeated way back is refused.
                    throw new KiwigridServiceException(
                        (int)landing.StatusCode, null, $"Login step 3: {landingUri.GetLeftPart(UriPartial.Path)} refused the login code (expired or already used); log in again.");
                }

                ExpectSuccess(3, landing, landingUri);
            }
        }

        // Step 4: the portal's context holds the token.
        var contextUri = new Uri(options.PortalUri, "/context");
        var context = new HttpRequestMessage(HttpMethod.Get, contextUri);
        context.Headers.Accept.ParseAdd("application/json");
        using var contextAnswer = await SendAsync(4, context, cookies, cancellationToken).ConfigureAwait(false);
        if (contextAnswer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new KiwigridProtocolException("Login step 4: the portal knows no session after the login, so the way back from OneID did not reach it; check the portal address.");
        }

        ExpectSuccess(4, contextAnswer, contextUri);
        var body = await contextAnswer.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var token = ReadToken(body)
            ?? throw new KiwigridProtocolException("Login step 4: the portal's /context holds no access token; the login did not reach the portal's session.");
        LogLoggedIn(_logger);
        return token;
    }

    /// <summary>The login form's target, with HTML entities decoded and resolved against the page; null without one.</summary>
    internal static Uri? FindLoginAction(string html, Uri pageUri)
    {
        foreach (Match form in FormTag().Matches(html))
        {
            var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
            if (action.Contains("login-actions/authenticate", StringComparison.Ordinal)
                && Uri.TryCreate(pageUri, action, out var target)
                && (target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeHttp))
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>The token of the portal's context: <c>oauth.accessToken</c>, or <c>oauth.access_token</c> in some versions.</summary>
    internal static string? ReadToken(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("oauth", out var oauth)
                && oauth.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["accessToken", "access_token"])
                {
                    if (oauth.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
                    {
                        return value;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (the portal's HTML, a proxy's page): no token.
        }

        return null;
    }

    private static string StepName(int step) => step switch
    {
        1 => "login step 1 (OneID page)",
        2 => "login step 2 (credentials)",
        3 => "login step 3 (return to the portal)",
        _ => "login step 4 (portal context)",
    };

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Refuses a return to the portal that carries another <c>state</c> than the one this login sent: the code on it
    /// would be another login's (a forged or replayed redirect), and the portal cannot tell (it never saw the state).
    /// </summary>
    /// <returns>Whether <paramref name="hop"/> is the return to the portal (false for any other hop).</returns>
    internal static bool ExpectOwnState(Uri hop, Uri redirectUri, string state)
    {
        if (!string.Equals(hop.GetLeftPart(UriPartial.Path), redirectUri.GetLeftPart(UriPartial.Path), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var pair in hop.Query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == "state" && Uri.UnescapeDataString(pair[(equals + 1)..]) == state)
            {
                return true;
            }
        }

        throw new KiwigridProtocolException(
            "Login step 3: the way back to the portal did not carry this login's state, so it may be another login's answer; log in again.");
    }

    private async Task<(HttpResponseMessage Response, Uri Uri)> FollowAsync(
        int step, HttpRequestMessage request, CookieContainer cookies, Action<Uri>? inspect, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        inspect?.Invoke(uri);
        var response = await SendAsync(step, request, cookies, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; response.Headers.Location is { } location && IsRedirect(response.StatusCode); hops++)
        {
            response.Dispose();
            if (hops == MaxRedirects)
            {
                throw new KiwigridProtocolException($"Login step {step}: more than {MaxRedirects} redirects, a loop between the login servers; try again later.");
            }

            uri = new Uri(uri, location);
            inspect?.Invoke(uri);
            response = await SendAsync(step, new HttpRequestMessage(HttpMethod.Get, uri), cookies, cancellationToken).ConfigureAwait(false);
        }

        return (response, uri);
    }

    private async Task<HttpResponseMessage> SendAsync(int step, HttpRequestMessage request, CookieContainer cookies, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await http.SendAsync(request, options.RequestTimeout, StepName(step), cancellationToken).ConfigureAwait(false);
        LogStep(_logger, step, (int)response.StatusCode);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                try
                {
                    cookies.SetCookies(uri, setCookie);
                }
                catch (CookieException)
                {
                    // A cookie a browser would reject too (wrong domain, malformed): it is not kept.
                }
            }
        }

        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static void ExpectSuccess(int step, HttpResponseMessage response, Uri uri)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        var where = uri.GetLeftPart(UriPartial.Path);
        throw status is 404 or 405 or 501
            ? new KiwigridProtocolException($"Login step {step}: {where} answered HTTP {status}, so it is no SOLARWATT OneID login or portal; check the addresses.")
            : new KiwigridServiceException(status, null, $"Login step {step}: {where} answered HTTP {status}; try again later.");
    }

    [GeneratedRegex("""<form\b[^>]*?\baction\s*=\s*["'](?<action>[^"']*)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormTag();

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "OneID login step {Step} answered HTTP {Status}")]
    private static partial void LogStep(ILogger logger, int step, int status);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "SOLARWATT OneID refused the username or password")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Logged in to today's SOLARWATT cloud")]
    private static partial void LogLoggedIn(ILogger logger);
}
