using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// Settings of a <see cref="HemsClient"/>: where today's SOLARWATT cloud lives (OneID realm, portal, HEMS API), how
/// long to wait, and the seams tests use. Defaults point at the real hosts.
/// </summary>
public sealed record HemsClientOptions
{
    /// <summary>The defaults: the real SOLARWATT hosts, 30 s per request, 120 s per analytics request.</summary>
    public static HemsClientOptions Default { get; } = new();

    /// <summary>The Keycloak realm of the login (<c>…/auth/realms/solarwatt</c>).</summary>
    public Uri RealmUri { get; init; } = new("https://auth.energymanager.com/auth/realms/solarwatt");

    /// <summary>The portal that receives the authorization code and hands out the token at <c>/context</c>.</summary>
    public Uri PortalUri { get; init; } = new("https://new.energymanager.com");

    /// <summary>
    /// The HEMS REST API, e.g. <c>https://hems.kiwigrid.com/v11/</c>; a base given without the final <c>/</c> gets one,
    /// since the endpoints' relative paths would otherwise replace its last segment.
    /// </summary>
    public Uri ApiUri
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.AbsoluteUri.EndsWith('/') ? value : new Uri(value.AbsoluteUri + "/");
        }
    } = new("https://hems.kiwigrid.com/v11/");

    /// <summary>The OAuth client the portal registers at the realm.</summary>
    public string ClientId { get; init; } = "energy-monitor-home";

    /// <summary>How long one login step or API request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one analytics request may take: month and year queries can take longer than 10 s.</summary>
    public TimeSpan AnalyticsTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How often a request that met a passing status (<see cref="TransientStatus"/>: 5xx, 408, 425, 429) or a timeout is sent in all, the first try included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second try; it doubles with every try, unless the server names one (<c>Retry-After</c>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The site's time zone: analytics take local times without offset. SOLARWATT's sites answer in Europe/Berlin.
    /// </summary>
    public TimeZoneInfo SiteTimeZone { get; init; } = FindBerlin();

    /// <summary>
    /// After a setting change was accepted: how long to keep reading the setting back until it shows the new value
    /// (the installation applies it some moments later).
    /// </summary>
    public TimeSpan SettingReadBackTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait between two read-backs of a changed setting.</summary>
    public TimeSpan SettingReadBackInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock for every timeout, retry delay and token renewal.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the client logs. Passwords, cookies, codes and tokens are never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The HTTP handler for every request of the login and the API (tests, proxies, <c>IHttpMessageHandlerFactory</c>);
    /// it must not follow redirects or keep cookies itself. <c>null</c> uses a default handler. Not disposed by the client.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>
    /// Options for one server that serves realm, portal and API from one origin, such as the emulator:
    /// <c>{server}/auth/realms/solarwatt</c>, <c>{server}</c> and <c>{server}/v11/</c>.
    /// </summary>
    /// <param name="baseUri">The server's origin, e.g. <c>http://127.0.0.1:8080</c>.</param>
    public static HemsClientOptions ForServer(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var origin = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
        return new HemsClientOptions
        {
            RealmUri = new Uri(origin, "/auth/realms/solarwatt"),
            PortalUri = origin,
            ApiUri = new Uri(origin, "/v11/"),
        };
    }

    private static TimeZoneInfo FindBerlin() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;
}
