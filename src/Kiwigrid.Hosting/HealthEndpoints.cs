using Kiwigrid.Hosting.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary>
/// <c>/healthz</c>: 200 while the latest snapshot is fresh, 503 with the reason otherwise. Without the access token
/// that is set, only the status: a health check needs no token and learns nothing about the site or its connection.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes, SiteFeed feed)
    {
        routes.MapGet("/healthz", (HttpContext context) =>
        {
            var reason = feed.Unhealthy();
            var anonymous = AccessTokenEndpoints.IsAnonymous(context);
            var body = JsonText.WriteCompact(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", reason is null ? "ok" : "unavailable");
                if (anonymous)
                {
                    w.WriteEndObject();
                    return;
                }

                if (reason is not null)
                {
                    w.WriteString("reason", reason);
                }

                w.WritePropertyName("watch");
                SiteJson.WriteStatus(w, feed);
                w.WriteEndObject();
            });
            return SiteApiEndpoints.Json(body, reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return routes;
    }
}
