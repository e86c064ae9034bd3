using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kiwigrid.Hosting;

/// <summary>
/// Puts the classic API, CORS and the access token in front of the host's pipeline, so the endpoints mapped with
/// <see cref="KiwigridEndpointRouteBuilderExtensions"/> are guarded without a call of the host's own.
/// </summary>
internal sealed class KiwigridStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var site = app.ApplicationServices.GetRequiredService<KiwigridSite>();
        if (site.Setup is { } setup)
        {
            KiwigridPipeline.UseGuards(app, setup.Tokens, setup.CrossOrigin, setup.ClassicApi, site.Feed);
        }
        else
        {
            // Wrong settings: nothing is served while the host stops, not even without the token it may have wanted.
            app.Use((HttpContext context, RequestDelegate _) =>
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            });
        }

        next(app);
    };
}
