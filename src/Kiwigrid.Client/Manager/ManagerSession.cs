using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// A login session with a SOLARWATT Manager flex/rail: the sign-in form posted to <c>/auth/login</c>, its
/// <c>kiwisessionid</c> cookie sent with every request. The session is renewed after
/// <see cref="ManagerClientOptions.SessionLifetime"/>, and at once when a request answers 401/403 or the sign-in page
/// (HTML) instead of JSON, after which that request is repeated once. A login answered with a 5xx (some firmware does so
/// for a while) is retried with backoff, each retry logged. Thread-safe; logins are serialised.
/// </summary>
internal sealed partial class ManagerSession : IDisposable
{
    private readonly ManagerHttp _http;
    private readonly ManagerClientOptions _options;
    private readonly string _username;
    private readonly string _password;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private readonly ILogger _logger;
    private volatile Login? _login;
    private volatile bool _hasLoggedIn;

    public ManagerSession(Uri address, string username, string password, ManagerClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        _options = options;
        _username = username;
        _password = password;
        _http = new ManagerHttp(address, options, KiwigridTelemetry.Sources.Manager);
        _logger = options.LoggerFactory.CreateLogger<ManagerSession>();
    }

    /// <summary>The connection: origin and certificate policy.</summary>
    public ManagerHttp Http => _http;

    /// <summary>Whether a login has succeeded: the address and the credentials are right.</summary>
    public bool HasLoggedIn => _hasLoggedIn;

    /// <summary>GETs <paramref name="path"/> as JSON in the session; null when the Manager has no such endpoint (404).</summary>
    /// <exception cref="KiwigridAuthenticationException">The login was refused, or the request even right after a new one.</exception>
    /// <exception cref="KiwigridServiceException">The Manager answered with an HTTP error.</exception>
    public async Task<byte[]?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var login = _login is { } current && !Expired(current) ? current : await LogInAsync(_login, cancellationToken).ConfigureAwait(false);
        var answer = await _http.GetAsync(path, login.Cookie, cancellationToken).ConfigureAwait(false);
        if (EndsSession(answer))
        {
            LogSessionEnded(_logger, path, answer.Status);
            login = await LogInAsync(login, cancellationToken).ConfigureAwait(false);
            answer = await _http.GetAsync(path, login.Cookie, cancellationToken).ConfigureAwait(false);
            if (EndsSession(answer))
            {
                throw new KiwigridAuthenticationException(1, 403, $"The SOLARWATT Manager at {_http.OriginText} refused {path} even right after a new login; check that the user may read it.");
            }
        }

        return answer.Status switch
        {
            >= 200 and < 300 => answer.Body,
            404 => null,
            var status => throw new KiwigridServiceException(status, null, $"The SOLARWATT Manager at {_http.OriginText} answered {path} with HTTP {status}; try again later."),
        };
    }

    /// <summary>Logs in now unless another caller did so since <paramref name="refused"/> was handed out.</summary>
    public async Task<Login> LogInAsync(Login? refused, CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_login is { } current && !ReferenceEquals(current, refused) && !Expired(current))
            {
                return current;
            }

            using var measured = MeasuredOperation.Login(KiwigridTelemetry.Sources.Manager, _options.TimeProvider, _logger, cancellationToken);
            string cookie;
            try
            {
                cookie = await PostLoginAsync(cancellationToken).ConfigureAwait(false);
                measured.Succeeded();
            }
            catch (Exception e) when (measured.Failed(e))
            {
                throw;
            }

            var login = new Login(cookie, _options.TimeProvider.GetUtcNow());
            _login = login;
            _hasLoggedIn = true;
            return login;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _loginGate.Dispose();
    }

    /// <summary>An answer that means the session is gone: refused, or the sign-in page instead of JSON.</summary>
    private static bool EndsSession(ManagerAnswer answer) =>
        answer.Status is 401 or 403 || (answer.Status is >= 200 and < 300 && answer.IsHtml);

    private bool Expired(Login login) => _options.TimeProvider.GetUtcNow() - login.At >= _options.SessionLifetime;

    private async Task<string> PostLoginAsync(CancellationToken cancellationToken)
    {
        var origin = _http.OriginText;
        for (var attempt = 1; ; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_http.Origin, "/auth/login"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("username", _username),
                    new("password", _password),
                    new("url", "/"),
                    new("submit", "Login"),
                ]),
            };
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (answer.SessionCookie is { } cookie && answer.Status < 400)
            {
                LogLoggedIn(_logger, origin);
                return cookie;
            }

            switch (answer.Status)
            {
                case 404:
                    throw new KiwigridProtocolException($"The device at {origin} has no sign-in (/auth/login answered HTTP 404), so it is not a SOLARWATT Manager; check the address.");
                case 401 or 403:
                    throw Refused(origin);
                case 429:
                    throw new KiwigridAuthenticationException(1, 429, $"The SOLARWATT Manager at {origin} refuses logins for a while after too many failed attempts; wait a minute, then check the password.");
                case >= 500 when attempt < _options.MaxLoginAttempts:
                    var delay = _options.LoginRetryDelay * Math.Pow(2, attempt - 1);
                    LogLoginRetry(_logger, origin, answer.Status, attempt, _options.MaxLoginAttempts, delay.TotalSeconds);
                    await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                case >= 500:
                    throw new KiwigridServiceException(answer.Status, null, $"The SOLARWATT Manager at {origin} answered its login with HTTP {answer.Status} {attempt} times in a row, as some firmware does for a while; try again later.");
                case >= 400:
                    throw new KiwigridServiceException(answer.Status, null, $"The SOLARWATT Manager at {origin} answered its login with HTTP {answer.Status}; check the address.");
                default:
                    // The sign-in page again, or a redirect without a cookie: the user name or password was refused.
                    throw Refused(origin);
            }
        }
    }

    private static KiwigridAuthenticationException Refused(string origin) =>
        new(1, 401, $"The SOLARWATT Manager at {origin} refused the user name or password; check them (the user is often 'installer').");

    /// <summary>A session: its cookie and when it was obtained.</summary>
    internal sealed record Login(string Cookie, DateTimeOffset At)
    {
        /// <summary>Never shows the cookie.</summary>
        public override string ToString() => $"session from {At:O}";
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Debug, Message = "Logged in to the SOLARWATT Manager at {Origin}")]
    private static partial void LogLoggedIn(ILogger logger, string origin);

    [LoggerMessage(EventId = 431, Level = LogLevel.Warning, Message = "The SOLARWATT Manager at {Origin} answered its login with HTTP {Status} (attempt {Attempt} of {MaxAttempts}); trying again in {DelaySeconds} s")]
    private static partial void LogLoginRetry(ILogger logger, string origin, int status, int attempt, int maxAttempts, double delaySeconds);

    [LoggerMessage(EventId = 432, Level = LogLevel.Information, Message = "The SOLARWATT Manager's session ended ({Path} answered HTTP {Status} or the sign-in page); logging in again")]
    private static partial void LogSessionEnded(ILogger logger, string path, int status);
}
