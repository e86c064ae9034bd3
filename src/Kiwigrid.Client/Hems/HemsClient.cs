using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kiwigrid.Client.Auth;
using Kiwigrid.Client.History;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// A session with today's SOLARWATT cloud: logged in through SOLARWATT OneID, reading the HEMS REST API (<c>v11</c>).
/// Thread-safe. The token is renewed before it expires and, once, when the API refuses it (401, 403); requests that
/// meet 429, a 5xx or a timeout are retried with backoff. An endpoint the installation does not have (404) answers
/// empty (a list) or null (an object).
/// </summary>
public sealed partial class HemsClient : IAsyncDisposable
{
    /// <summary>How long before its expiry a token is renewed, so that no request travels with a token about to lapse.</summary>
    internal static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HemsClientOptions _options;
    private readonly HemsHttp _http;
    private readonly OneIdLogin _login;
    private readonly string _username;
    private readonly string _password;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private readonly ILogger _logger;
    private volatile AccessToken? _token;

    private HemsClient(string username, string password, HemsClientOptions options)
    {
        _options = options;
        _username = username;
        _password = password;
        _http = new HemsHttp(options);
        _login = new OneIdLogin(options, _http);
        _logger = options.LoggerFactory.CreateLogger<HemsClient>();
    }

    /// <summary>The options the session runs with.</summary>
    public HemsClientOptions Options => _options;

    /// <summary>When the current token expires, if it says; null before the login or for a token without <c>exp</c>.</summary>
    public DateTimeOffset? TokenExpiration => _token?.Expiration;

    /// <summary>Logs in through SOLARWATT OneID and returns the session.</summary>
    /// <param name="username">The SOLARWATT login (e-mail).</param>
    /// <param name="password">The password; kept in memory to log in again, never logged.</param>
    /// <param name="options">Hosts, timeouts, clock and logging; null for <see cref="HemsClientOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <exception cref="KiwigridAuthenticationException">OneID refused the username or password.</exception>
    /// <exception cref="KiwigridProtocolException">A server is no OneID login or SOLARWATT portal, or the redirects loop.</exception>
    /// <exception cref="KiwigridServiceException">A login step answered with an HTTP error.</exception>
    /// <exception cref="KiwigridConnectionException">A host could not be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">A step got no answer in time.</exception>
    public static async Task<HemsClient> ConnectAsync(string username, string password, HemsClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var client = new HemsClient(username, password, options ?? HemsClientOptions.Default);
        try
        {
            await client.LogInAsync(null, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The site's power flows now (<c>/energy-flow</c>).</summary>
    /// <exception cref="KiwigridServiceException">The installation has no energy flow (404) or the API answered an error.</exception>
    public async Task<HemsEnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        await GetObjectAsync("energy-flow", HemsEnergyFlow.Read, cancellationToken).ConfigureAwait(false)
        ?? throw new KiwigridServiceException(404, null, "This installation has no energy flow in today's SOLARWATT cloud (HTTP 404); check that an Energy Manager is set up.");

    /// <summary>The batteries (<c>/battery</c>); empty when the installation has none.</summary>
    public Task<IReadOnlyList<HemsBattery>> GetBatteriesAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("battery", HemsBattery.Read, cancellationToken);

    /// <summary>Every device in general terms (<c>/device</c>).</summary>
    public Task<IReadOnlyList<HemsDevice>> GetDevicesAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("device", HemsDevice.Read, cancellationToken);

    /// <summary>What can be controlled on which device (<c>/device/optimization</c>).</summary>
    public Task<IReadOnlyList<HemsDeviceOptimization>> GetDeviceOptimizationsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("device/optimization", HemsDeviceOptimization.Read, cancellationToken);

    /// <summary>The PV plants and inverters (<c>/pv-plant</c>).</summary>
    public Task<IReadOnlyList<HemsPvPlant>> GetPvPlantsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("pv-plant", HemsPvPlant.Read, cancellationToken);

    /// <summary>The EV stations (<c>/evstation</c>).</summary>
    public Task<IReadOnlyList<HemsDevice>> GetEvStationsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("evstation", HemsDevice.Read, cancellationToken);

    /// <summary>The smart plugs (<c>/plug</c>).</summary>
    public Task<IReadOnlyList<HemsDevice>> GetPlugsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("plug", HemsDevice.Read, cancellationToken);

    /// <summary>The smart heaters (<c>/smart-heater</c>).</summary>
    public Task<IReadOnlyList<HemsSmartHeater>> GetSmartHeatersAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("smart-heater", HemsSmartHeater.Read, cancellationToken);

    /// <summary>The measured consumers with their power now (<c>/home/consumption/consumers</c>).</summary>
    public Task<IReadOnlyList<HemsConsumer>> GetConsumersAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("home/consumption/consumers", HemsConsumer.Read, cancellationToken);

    /// <summary>The owner's profile (<c>/user/profile</c>); null when the API has none.</summary>
    public Task<HemsUserProfile?> GetUserProfileAsync(CancellationToken cancellationToken = default) =>
        GetObjectAsync("user/profile", HemsUserProfile.Read, cancellationToken);

    /// <summary>
    /// One analytics period (<c>/analytics/{kind}</c>): the day, month or year holding <paramref name="date"/> in the
    /// site's time zone. Null when the installation does not keep these analytics (404).
    /// </summary>
    /// <param name="kind">Which analytics.</param>
    /// <param name="period">The span and resolution.</param>
    /// <param name="date">A day in the span.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<HemsAnalytics?> GetAnalyticsAsync(HemsAnalyticsKind kind, HemsAnalyticsPeriod period, DateOnly date, CancellationToken cancellationToken = default)
    {
        var (from, to) = period switch
        {
            HemsAnalyticsPeriod.DayPower or HemsAnalyticsPeriod.Day => (date, date.AddDays(1)),
            HemsAnalyticsPeriod.Month => (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1)),
            HemsAnalyticsPeriod.Year => (new DateOnly(date.Year, 1, 1), new DateOnly(date.Year + 1, 1, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Use DayPower, Day, Month or Year."),
        };
        return GetObjectAsync(HemsAnalyticsQuery.Path(kind, period, from, to), HemsAnalytics.Read, cancellationToken, analytics: true);
    }

    /// <summary>
    /// The site's energy per interval (<see cref="EnergyHistoryColumns"/>: Wh per row, state of charge in %), from the
    /// analytics: 5 minutes from the days' power, an hour (also for 15 and 30 minutes, which the API does not keep)
    /// from the days' energy, a day from the months' energy.
    /// </summary>
    /// <param name="start">The first interval's start (rounded down to the resolution in the site's time zone).</param>
    /// <param name="until">The end, exclusive.</param>
    /// <param name="resolution">The interval length asked for.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        HemsHistory.ReadAsync(this, start, until, resolution, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _loginGate.Dispose();
        return ValueTask.CompletedTask;
    }

    internal async Task<IReadOnlyList<T>> GetListAsync<T>(string path, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var body = await GetAsync(path, analytics: false, cancellationToken).ConfigureAwait(false);
        return body is null ? [] : HemsJson.Parse(body, "/" + path, JsonValueKind.Array, array => HemsJson.List(array, read));
    }

    internal async Task<T?> GetObjectAsync<T>(string path, Func<JsonElement, T> read, CancellationToken cancellationToken, bool analytics = false)
        where T : class
    {
        var body = await GetAsync(path, analytics, cancellationToken).ConfigureAwait(false);
        return body is null ? null : HemsJson.Parse(body, "/" + PathOnly(path), JsonValueKind.Object, read);
    }

    /// <summary>Logs in unless another caller did so since <paramref name="refused"/> was handed out.</summary>
    private async Task<AccessToken> LogInAsync(AccessToken? refused, CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } current && !ReferenceEquals(current, refused) && !NeedsRenewal(current))
            {
                return current;
            }

            var token = new AccessToken(await _login.LoginAsync(_username, _password, cancellationToken).ConfigureAwait(false));
            _token = token;
            return token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private bool NeedsRenewal(AccessToken token) =>
        token.Expiration is { } expiration && _options.TimeProvider.GetUtcNow() >= expiration - RenewBeforeExpiry;

    /// <summary>GETs <paramref name="path"/> below the API; null for 404.</summary>
    private async Task<byte[]?> GetAsync(string path, bool analytics, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, analytics, cancellationToken).ConfigureAwait(false);

        var what = "/" + PathOnly(path);
        return (int)status switch
        {
            >= 200 and < 300 => body,
            404 => null,
            401 or 403 => throw new KiwigridServiceException((int)status, null, $"The HEMS API refused {what} even after a new login (HTTP {(int)status}); check that this account may see the installation."),
            var code => throw new KiwigridServiceException(code, null, $"The HEMS API answered {what} with HTTP {code}; try again later."),
        };
    }

    /// <summary>Sends a request with the current token, and once more after a new login if the API refuses it.</summary>
    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string path, byte[]? json, bool analytics, CancellationToken cancellationToken)
    {
        var token = _token is { } current && !NeedsRenewal(current) ? current : await LogInAsync(_token, cancellationToken).ConfigureAwait(false);
        var uri = new Uri(_options.ApiUri, path);
        var (status, body) = await SendWithRetriesAsync(method, uri, json, token, analytics, cancellationToken).ConfigureAwait(false);
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The token may have been revoked before its expiry: one new login, then the answer stands.
            LogTokenRefused(_logger, (int)status);
            token = await LogInAsync(token, cancellationToken).ConfigureAwait(false);
            (status, body) = await SendWithRetriesAsync(method, uri, json, token, analytics, cancellationToken).ConfigureAwait(false);
        }

        return (status, body);
    }

    /// <summary>
    /// Sends one request, again after 429, a 5xx or a timeout: the writes set a value rather than add one, so
    /// sending one twice does no harm.
    /// </summary>
    private async Task<(HttpStatusCode Status, byte[] Body)> SendWithRetriesAsync(
        HttpMethod method, Uri uri, byte[]? json, AccessToken token, bool analytics, CancellationToken cancellationToken)
    {
        var timeout = analytics ? _options.AnalyticsTimeout : _options.RequestTimeout;
        var what = "HEMS API request for /" + PathOnly(uri.AbsolutePath.TrimStart('/'));
        for (var attempt = 1; ; attempt++)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.ParseAdd("application/json");
            if (json is not null)
            {
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            TimeSpan? retryAfter;
            try
            {
                using var response = await _http.SendAsync(request, timeout, what, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (!TransientStatus.Is(status) || attempt >= _options.MaxAttempts)
                {
                    return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
                }

                retryAfter = RetryAfter(response.Headers.RetryAfter);
                LogRetrying(_logger, status, attempt);
            }
            catch (KiwigridTimeoutException) when (attempt < _options.MaxAttempts)
            {
                retryAfter = null;
                LogRetrying(_logger, 0, attempt);
            }

            var delay = retryAfter ?? _options.RetryDelay * Math.Pow(2, attempt - 1);
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _options.TimeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    private static string PathOnly(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? path : path[..query];
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "The HEMS API refused the token (HTTP {Status}); logging in again")]
    private static partial void LogTokenRefused(ILogger logger, int status);

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "HEMS API request failed (HTTP {Status}, 0 = timeout) on attempt {Attempt}; retrying")]
    private static partial void LogRetrying(ILogger logger, int status, int attempt);
}
