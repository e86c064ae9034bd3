using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary>The dashboard page at <c>/</c>.</summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = DashboardPage.ContentSecurityPolicy;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(DashboardPage.Html, "text/html; charset=utf-8");
        });
        return routes;
    }
}
