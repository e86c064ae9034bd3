using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiwigrid.Hosting;

/// <summary>
/// The endpoints of a site added with <see cref="KiwigridServiceCollectionExtensions"/>. When access tokens are set,
/// every request to the host needs one (except <c>/healthz</c>, which then says only up or down).
/// </summary>
public static class KiwigridEndpointRouteBuilderExtensions
{
    /// <summary>The live dashboard at <c>/</c>: one page, no CDN, works offline.</summary>
    /// <param name="routes">The host's endpoints.</param>
    public static IEndpointRouteBuilder MapKiwigridDashboard(this IEndpointRouteBuilder routes) => routes.MapDashboard();

    /// <summary>
    /// The JSON API (<c>/api/energy-flow</c>, <c>/api/devices</c>, <c>/api/settings</c>), the
    /// server-sent events (<c>/api/events</c>), <c>/healthz</c> and Prometheus <c>/metrics</c>.
    /// </summary>
    /// <param name="routes">The host's endpoints.</param>
    public static IEndpointRouteBuilder MapKiwigridApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var site = routes.ServiceProvider.GetService<KiwigridSite>()
            ?? throw new InvalidOperationException("MapKiwigridApi needs services.AddKiwigrid(…) first.");
        KiwigridPipeline.MapApi(routes, site.Feed, () => site.Control);
        return routes;
    }
}
