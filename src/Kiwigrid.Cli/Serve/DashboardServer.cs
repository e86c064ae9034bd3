using System.Runtime.CompilerServices;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The web server of <c>kiwigrid serve</c> (and of <c>kiwigrid demo</c>): a slim host over Kiwigrid.Hosting's
/// pipeline (<see cref="KiwigridPipeline"/>) with the dashboard, the JSON API, server-sent events, health and metrics,
/// all read from one <see cref="SiteFeed"/>. The command, not the host, owns the watch and the signals.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SiteFeed _feed;

    /// <summary>What the settings endpoints read; empty until the site is open (<see cref="Attach"/>).</summary>
    private readonly StrongBox<SiteControl?> _control;

    private DashboardServer(WebApplication app, IReadOnlyList<Uri> addresses, SiteFeed feed, StrongBox<SiteControl?> control)
    {
        _app = app;
        _feed = feed;
        _control = control;
        Addresses = addresses;
    }

    /// <summary>Where the server listens, with the ports Kestrel picked for port 0.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The dashboard's URL (without the access token).</summary>
    public Uri DashboardUri => Addresses[0];

    /// <summary>A server that only pages of its own origin read.</summary>
    /// <exception cref="CliUsageException">An address is in use or cannot be bound.</exception>
    public static Task<DashboardServer> StartAsync(
        IReadOnlyList<ListenAddress> addresses,
        AccessTokens? token,
        SiteFeed feed,
        CancellationToken cancellationToken) =>
        StartAsync(addresses, token, crossOrigin: null, classicApi: null, feed, control: null, cancellationToken);

    /// <summary>
    /// A server whose read-only API pages of the <paramref name="crossOrigin"/> websites may read too, that serves the
    /// classic Energy Manager API when <paramref name="classicApi"/> is set, and that also shows the site's settings
    /// and, when <paramref name="control"/> allows it, changes them (<c>/api/settings</c>).
    /// </summary>
    /// <remarks>Whether control and the origins need a token the caller has checked (<see cref="ServeSettingRules"/>).</remarks>
    /// <exception cref="CliUsageException">
    /// An address is in use or cannot be bound, or the server would be open to other machines without a token.
    /// </exception>
    public static async Task<DashboardServer> StartAsync(
        IReadOnlyList<ListenAddress> addresses,
        AccessTokens? token,
        AllowedOrigins? crossOrigin,
        ClassicApiOptions? classicApi,
        SiteFeed feed,
        SiteControl? control,
        CancellationToken cancellationToken)
    {
        if (token is null && addresses.FirstOrDefault(a => !a.IsLoopback) is { } open)
        {
            throw new CliUsageException(
                $"--urls {open.Url} is reachable from other machines; set an access token with --access-token-file or KIWIGRID_SERVE_TOKEN.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls([.. addresses.Select(a => a.Url)]);
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        // The command owns Ctrl+C/SIGTERM; ASP.NET's console lifetime would swallow the signal and stop only this server.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CommandLifetime>();

        var app = builder.Build();

        var controlBox = new StrongBox<SiteControl?>();
        KiwigridPipeline.UseGuards(app, token, crossOrigin, classicApi, feed);
        app.MapKiwigridDashboard();
        KiwigridPipeline.MapApi(app, feed, () => Volatile.Read(ref controlBox.Value));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new CliUsageException($"--urls cannot be bound ({ex.Message.TrimEnd('.')}); pick another port.");
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var server = new DashboardServer(app, [.. bound.Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal) + "/"))], feed, controlBox);
        if (control is not null)
        {
            server.Attach(control);
        }

        return server;
    }

    /// <summary>
    /// Shows the site's settings, and changes them if <paramref name="control"/> allows it, from now on: serve opens
    /// the dashboard before the site, so that /healthz says why while a device that is still starting is waited for.
    /// </summary>
    public void Attach(SiteControl control)
    {
        _feed.Follow(control);
        Volatile.Write(ref _control.Value, control);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
