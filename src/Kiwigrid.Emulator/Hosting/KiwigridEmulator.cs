using Kiwigrid.Emulator.Bus;
using Kiwigrid.Emulator.Desktop;
using Kiwigrid.Emulator.Export;
using Kiwigrid.Emulator.Hems;
using Kiwigrid.Emulator.Local;
using Kiwigrid.Emulator.OneId;
using Kiwigrid.Emulator.Portal;
using Kiwigrid.Emulator.Services;
using Kiwigrid.Emulator.Sites;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// A running emulated Kiwigrid cloud: login server, desktop, SockJS event bus and a local Energy Manager endpoint,
/// all on one origin, serving one <see cref="ISite"/>.
/// </summary>
public sealed class KiwigridEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KiwigridEmulator(WebApplication app, EmulatorOptions options, ISite site, Uri baseUri)
    {
        _app = app;
        Options = options;
        Site = site;
        BaseUri = baseUri;
        var demo = options.Users.FirstOrDefault();
        UserName = demo.Key ?? string.Empty;
        Password = demo.Value ?? string.Empty;
    }

    /// <summary>The emulator's own origin, e.g. <c>http://127.0.0.1:54321/</c>; every redirect stays on it.</summary>
    public Uri BaseUri { get; }

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

    /// <summary>The running emulator's services (tests take the OneID signing key from here to mint tokens).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    public static async Task<KiwigridEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls.Count == 0)
        {
            throw new ArgumentException("The emulator needs at least one URL to bind.", nameof(options));
        }

        var site = options.SiteFactory(options.TimeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KiwigridEmulator).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls([.. options.Urls]);

        // Sessions close themselves on stopping; a client that never answers the close must not hold a restart for
        // the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton<EmulatorAddress>();
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

        var app = builder.Build();
        app.UseWebSockets();
        app.MapPortal();
        app.MapDesktop();
        app.MapBus();
        app.MapExport();
        app.MapLocal();
        app.MapHems();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var bound = addresses.Addresses.First()
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
        var baseUri = LoopbackIfWildcard(new Uri(bound));
        app.Services.GetRequiredService<EmulatorAddress>().BaseUri = baseUri;
        return new KiwigridEmulator(app, options, site, baseUri);
    }

    /// <summary>Stops accepting connections and ends the open ones.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

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
