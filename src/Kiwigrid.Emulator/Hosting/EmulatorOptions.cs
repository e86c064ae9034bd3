using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>How a <see cref="KiwigridEmulator"/> runs. Immutable; derive variants with <c>with</c>.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The demo account every emulator knows unless <see cref="Users"/> says otherwise.</summary>
    public const string DemoUserName = "demo@example.com";

    /// <summary>The demo account's password.</summary>
    public const string DemoPassword = "demo";

    /// <summary>The defaults: loopback on an ephemeral port, the demo user, the real cloud's timings, Vert.x 2.</summary>
    public static EmulatorOptions Default { get; } = new();

    /// <summary>The addresses Kestrel binds; port 0 picks a free port. Default <c>http://127.0.0.1:0</c>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:0"];

    /// <summary>The portal accounts, user name → password. Default: <see cref="DemoUserName"/> / <see cref="DemoPassword"/>.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [DemoUserName] = DemoPassword };

    /// <summary>How long an accessToken stays valid; after that the bus answers 419. Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an access token of today's <c>solarwatt</c> realm stays valid. Default 5 minutes, as Keycloak.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a realm's authorization code can be exchanged. Default 1 minute, as Keycloak.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the bus sends the SockJS heartbeat frame <c>h</c>. Default 25 s, as SockJS.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>A bus connection that has not pinged for this long is closed with <c>c[3000,"Go away!"]</c>. Default 10 s, as Vert.x.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The message shape the bus speaks. Default <see cref="EventBusDialect.VertX2"/>, as the real cloud.</summary>
    public EventBusDialect Dialect { get; init; } = EventBusDialect.VertX2;

    /// <summary>The clock behind tokens, codes, throttling, heartbeats, ping timeouts and the site.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the emulator logs; null logs nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Builds the home the emulator serves, on the emulator's clock. Default: the simulated home with its default
    /// settings, starting at the clock's present time, in real time.
    /// </summary>
    public Func<TimeProvider, ISite> SiteFactory { get; init; } = new SimulationSettings().ToSiteFactory();

    /// <summary>The HMAC-SHA1 key that signs accessTokens; empty (the default) draws a random one per run.</summary>
    public ReadOnlyMemory<byte> TokenSecret { get; init; }

    /// <summary>Failed logins for one user name within <see cref="LoginFailureWindow"/> before the portal answers 429. Default 5.</summary>
    public int MaxLoginFailures { get; init; } = 5;

    /// <summary>The window in which failed logins count against a user name. Default 1 minute.</summary>
    public TimeSpan LoginFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest WebSocket message the bus accepts; a bigger one ends the connection. Default 1 MiB.</summary>
    public int MaxIncomingMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How long the HEMS API takes to answer month and year analytics (<c>P1D</c>, <c>P1M</c>), on
    /// <see cref="TimeProvider"/>: the real one can take over 10 s. Default zero.
    /// </summary>
    public TimeSpan HemsAnalyticsDelay { get; init; }

    /// <summary>
    /// The SOLARWATT Manager flex/rail to play on its own origin (<see cref="EmulatedHost.Manager"/>), driven by the
    /// same home; null (the default) plays none.
    /// </summary>
    public ManagerOptions? Manager { get; init; }

    // Passwords and the signing key stay out of ToString (and so out of logs and assertion messages).
    /// <summary>The settings that are safe to show: no passwords, no signing key.</summary>
    public override string ToString() =>
        $"EmulatorOptions {{ Urls = [{string.Join(", ", Urls)}], Users = [{string.Join(", ", Users.Keys)}], "
        + $"TokenLifetime = {TokenLifetime}, AccessTokenLifetime = {AccessTokenLifetime}, HeartbeatInterval = {HeartbeatInterval}, PingTimeout = {PingTimeout}, Dialect = {Dialect}, "
        + $"Manager = {Manager?.ToString() ?? "none"} }}";
}
