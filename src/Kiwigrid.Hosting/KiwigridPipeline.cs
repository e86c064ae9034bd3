using Kiwigrid.Hosting.Classic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary>The order of a Kiwigrid host's middleware and endpoints, the same for <c>kiwigrid serve</c> and any host.</summary>
internal static class KiwigridPipeline
{
    public static void UseGuards(IApplicationBuilder app, AccessTokens? tokens, AllowedOrigins? crossOrigin, ClassicApiOptions? classicApi, SiteFeed feed)
    {
        // Before the token: the integrations that read the classic paths cannot send one.
        app.UseClassicApi(classicApi, feed);
        app.UseCrossOrigin(crossOrigin);
        app.UseAccessToken(tokens);
    }

    /// <param name="routes">The host's endpoints.</param>
    /// <param name="feed">What every endpoint reads.</param>
    /// <param name="control">The site's control, asked on each settings request: null while the site is not open or has no settings.</param>
    public static void MapApi(IEndpointRouteBuilder routes, SiteFeed feed, Func<SiteControl?> control)
    {
        routes.MapSiteApi(feed);
        routes.MapSettings(control, feed);
        routes.MapEventStream(feed);
        routes.MapHealth(feed);
        routes.MapMetrics(feed);
    }
}
