using Kiwigrid.Emulator.Bus;
using Kiwigrid.Emulator.Desktop;
using Kiwigrid.Emulator.EnergyPortal;
using Kiwigrid.Emulator.Export;
using Kiwigrid.Emulator.Hems;
using Kiwigrid.Emulator.Local;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.OneId;
using Kiwigrid.Emulator.Portal;
using Kiwigrid.Emulator.Services;
using Kiwigrid.Emulator.Sites;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// A running emulated Kiwigrid cloud serving one <see cref="ISite"/>: the 2018 login server, desktop, SockJS event bus
/// and export, a local Energy Manager endpoint, and today's cloud (the OneID and <c>solarwatt</c> realms, the portal,
/// the HEMS API). The main origin serves every host; each host is also served on its own loopback origin
/// (<see cref="Hosts"/>), as the real cloud spreads them over several hosts.
/// </summary>
public sealed class KiwigridEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _managerCertificate;

    private KiwigridEmulator(WebApplication app, EmulatorOptions options, ISite site, Uri baseUri, EmulatorHosts hosts, X509Certificate2? managerCertificate)
    {
        _app = app;
        _managerCertificate = managerCertificate;
        ManagerCertificateFingerprint = managerCertificate is null ? null : ManagerCertificate.Fingerprint(managerCertificate);
        Hosts = hosts;
        Options = options;
        Site = site;
        BaseUri = baseUri;
        var demo = options.Users.FirstOrDefault();
        UserName = demo.Key ?? string.Empty;
        Password = demo.Value ?? string.Empty;
    }

    /// <summary>The emulator's own origin, e.g. <c>http://127.0.0.1:54321/</c>; every redirect stays on it.</summary>
    public Uri BaseUri { get; }

    /// <summary>Each emulated host's own loopback origin.</summary>
    public EmulatorHosts Hosts { get; }

    /// <summary>The OneID realm on its own origin, without a trailing slash as Keycloak writes realm URLs.</summary>
    public Uri OneIdRealmUri => new(OneIdRealms.UrlOf(Hosts[EmulatedHost.OneId], OneIdRealms.OneId));

    /// <summary>The <c>solarwatt</c> realm on its own origin (<c>auth.energymanager.com/auth/realms/solarwatt</c>).</summary>
    public Uri SolarwattRealmUri => new(OneIdRealms.UrlOf(Hosts[EmulatedHost.SolarwattAuth], OneIdRealms.Solarwatt));

    /// <summary>The portal (<c>new.energymanager.com</c>) on its own origin, ending in '/'.</summary>
    public Uri PortalUri => Hosts[EmulatedHost.EnergyPortal];

    /// <summary>The HEMS API (<c>hems.kiwigrid.com/v11/</c>) on its own origin, ending in <c>/v11/</c>.</summary>
    public Uri HemsApiUri => new(Hosts[EmulatedHost.HemsApi], "/v11/");

    /// <summary>
    /// The emulated SOLARWATT Manager's own origin (<c>http://</c> or, with <see cref="ManagerOptions.Https"/>,
    /// <c>https://</c>, ending in '/'); null when <see cref="EmulatorOptions.Manager"/> is not set.
    /// </summary>
    public Uri? ManagerUri => Hosts.Origins.GetValueOrDefault(EmulatedHost.Manager);

    /// <summary>
    /// The SHA-256 fingerprint of the HTTPS Manager's self-signed certificate as colon-separated upper-case hex
    /// (<c>AB:CD:…</c>), for a client to pin; null when the Manager serves plain HTTP or is not run.
    /// </summary>
    public string? ManagerCertificateFingerprint { get; }

    /// <summary>The running app's services, for tests that need the emulator's own parts (a client secret, the OneID signing key to mint tokens).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The home being served.</summary>
    public ISite Site { get; }

    /// <summary>The options it runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The first configured account's user name (by default <see cref="EmulatorOptions.DemoUserName"/>).</summary>
    public string UserName { get; }

    /// <summary>The first configured account's password (by default <see cref="EmulatorOptions.DemoPassword"/>).</summary>
    public string Password { get; }

    /// <summary>Where to <c>POST</c> the login form (the login server's base is <see cref="BaseUri"/>).</summary>
    public Uri LoginUri => new(BaseUri, "/login");

    /// <summary>The SockJS event-bus endpoint.</summary>
    public Uri BusUri => new(BaseUri, "/kiwibus");

    /// <summary>The local Energy Manager's device list.</summary>
    public Uri LocalDevicesUri => new(BaseUri, "/rest/kiwigrid/wizard/devices");

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    public static async Task<KiwigridEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls.Count == 0)
        {
            throw new ArgumentException("The emulator needs at least one URL to bind.", nameof(options));
        }

        if (options.Manager is { LoginOutage: < 0 })
        {
            throw new ArgumentException("The Manager's login outage is a negative number of attempts; give 0 or more.", nameof(options));
        }

        if (options.Manager is { SessionLifetime.Ticks: <= 0 })
        {
            throw new ArgumentException("The Manager's session lifetime is not positive; give its sessions a positive lifetime.", nameof(options));
        }

        var site = options.SiteFactory(options.TimeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KiwigridEmulator).Assembly.GetName().Name,
            Args = [],
        });
        // The hosts' own origins come after the main ones, so they are the last addresses Kestrel reports; the
        // Manager's (last of all) only when it is played.
        var hostList = Enum.GetValues<EmulatedHost>().Where(h => h != EmulatedHost.Manager || options.Manager is not null).ToArray();
        var managerCertificate = options.Manager is { Https: true }
            ? ManagerCertificate.Create(IPAddress.Parse(HostAddress(hostList.Length - 1)), options.TimeProvider)
            : null;
        builder.WebHost.UseUrls([.. options.Urls, .. hostList.Select((host, i) => $"{SchemeOf(host, options)}://{HostAddress(i)}:0")]);
        if (managerCertificate is not null)
        {
            // The slim builder leaves HTTPS out until asked; the Manager's https:// address takes its own certificate.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = managerCertificate));
        }

        // Sessions close themselves on stopping; a client that never answers the close must not hold a restart for
        // the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(site);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<EmulatorAddress>();
        builder.Services.AddOneIdServer(options);
        builder.Services.AddSingleton<RealmTokenClient>();
        builder.Services.AddSingleton<EnergyPortalSessions>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<PortalAccounts>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<PortalSessions>();
        builder.Services.AddSingleton(new BusEnvelopes(options.Dialect));
        builder.Services.AddSingleton<IBusService, DeviceService>();
        builder.Services.AddSingleton<IBusService, UserService>();
        builder.Services.AddSingleton<IBusService, AppService>();
        builder.Services.AddSingleton<ServiceDispatcher>();
        builder.Services.AddSingleton<EventBusBridge>();
        builder.Services.TryAddSingleton<OneIdSigningKey>();
        builder.Services.AddSingleton<HemsBearerTokens>();
        builder.Services.AddSingleton<ManagerLogin>();

        var app = builder.Build();

        // OpenIddict builds its options (keys, handlers) on first use; at start-up, not in a client's first request.
        _ = app.Services.GetRequiredService<IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>().CurrentValue;
        if (options.Manager is not null)
        {
            app.UseManager();
        }

        app.UseHostRouting();
        app.UseRealmRouting();
        // Only the realms go through OpenIddict, so the 2018 cloud's requests pay nothing for it.
        app.UseWhen(context => OneIdRealms.RealmOf(context.Request) is not null, realm => realm.UseAuthentication());
        app.UseRouting();
        app.UseWebSockets();
        app.MapPortal();
        app.MapDesktop();
        app.MapBus();
        app.MapExport();
        app.MapLocal();
        app.MapOneId();
        app.MapEnergyPortal();
        app.MapHems();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var bound = addresses.Addresses.ToList();
        var baseUri = LoopbackIfWildcard(new Uri(Loopback(bound[0])));
        var hostOrigins = bound[^hostList.Length..];
        var hosts = new EmulatorHosts(hostList.Select((host, i) => (host, origin: new Uri(new Uri(hostOrigins[i]), "/")))
            .ToDictionary(pair => pair.host, pair => pair.origin));
        var address = app.Services.GetRequiredService<EmulatorAddress>();
        address.BaseUri = baseUri;
        address.Hosts = hosts;
        return new KiwigridEmulator(app, options, site, baseUri, hosts, managerCertificate);
    }

    /// <summary>Stops accepting connections and ends the open ones.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _managerCertificate?.Dispose();
    }

    private static string SchemeOf(EmulatedHost host, EmulatorOptions options) =>
        host == EmulatedHost.Manager && options.Manager is { Https: true } ? "https" : "http";

    /// <summary>
    /// Each host on its own loopback address where the system has them (Linux and Windows answer on all of
    /// 127.0.0.0/8), since cookies are scoped by host, not by port; macOS has only 127.0.0.1.
    /// </summary>
    private static string HostAddress(int index) => OperatingSystem.IsMacOS() ? "127.0.0.1" : $"127.0.0.{index + 2}";

    private static string Loopback(string address) => address
        .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
        .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);

    /// <summary>A server bound to every interface is still reached, and redirected to, on loopback.</summary>
    private static Uri LoopbackIfWildcard(Uri bound)
    {
        var host = bound.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            _ => bound.Host,
        };
        return new UriBuilder(bound) { Host = host, Path = "/" }.Uri;
    }
}
