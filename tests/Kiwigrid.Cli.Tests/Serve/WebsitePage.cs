using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// A user's own website on a second loopback origin: one page whose script reads serve's <c>/api/energy-flow</c>
/// with fetch and the token as a header, and opens an EventSource on <c>/api/events</c> with the token in the query,
/// as the README's snippet does. The page takes serve's URL and the token from its own query string.
/// </summary>
internal sealed class WebsitePage : IAsyncDisposable
{
    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>Our battery</title>
        <p>PV: <output id="pv" data-state="loading">…</output></p>
        <p>Battery: <output id="soc" data-state="loading">…</output></p>
        <script>
        const params = new URLSearchParams(location.search);
        const serve = params.get('serve'), token = params.get('token');
        const pv = document.getElementById('pv'), soc = document.getElementById('soc');
        fetch(new URL('api/energy-flow', serve), { headers: { Authorization: 'Bearer ' + token } })
          .then(response => { if (!response.ok) throw new Error('HTTP ' + response.status); return response.json(); })
          .then(flow => { pv.textContent = flow.pvPowerW; pv.dataset.state = 'shown'; })
          .catch(error => { pv.textContent = error.name; pv.dataset.state = 'failed'; });
        const events = new EventSource(new URL('api/events?token=' + encodeURIComponent(token), serve));
        events.addEventListener('hello', event => {
          soc.textContent = JSON.parse(event.data).snapshot.flow.battery.stateOfChargePercent;
          soc.dataset.state = 'shown';
        });
        // A refused cross-origin stream fails for good (CLOSED); a broken one would reconnect (CONNECTING).
        events.onerror = () => { if (events.readyState === EventSource.CLOSED) soc.dataset.state = 'failed'; };
        </script>
        """;

    private readonly WebApplication _app;

    private WebsitePage(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>The website's origin, e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public Uri Origin { get; }

    /// <summary>What to pass to <c>--allow-origin</c> for this website.</summary>
    public string AllowOrigin => Origin.GetLeftPart(UriPartial.Authority);

    public static async Task<WebsitePage> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new WebsitePage(app, new Uri(address));
    }

    /// <summary>The page's URL, reading the serve at <paramref name="serve"/>.</summary>
    public string PageFor(Uri serve, string token) =>
        $"{AllowOrigin}/?serve={Uri.EscapeDataString(serve.ToString())}&token={Uri.EscapeDataString(token)}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
