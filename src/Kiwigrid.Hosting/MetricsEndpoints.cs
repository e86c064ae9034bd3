using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary><c>/metrics</c> for Prometheus.</summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes, SiteFeed feed)
    {
        routes.MapGet("/metrics", () => Results.Text(SiteMetrics.Write(feed), PrometheusExposition.ContentType));
        return routes;
    }
}
