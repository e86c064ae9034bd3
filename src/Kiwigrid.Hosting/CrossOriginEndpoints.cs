using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kiwigrid.Hosting;

/// <summary>
/// CORS for the read-only API (<c>/api/*</c>, the event stream included, and <c>/healthz</c>), so a page on another
/// website can read the site. The dashboard and <c>/metrics</c> stay same-origin. Runs before the access token: a
/// browser never sends the token with a preflight, and a page must be able to see a 401 for a wrong token rather
/// than an opaque network error. No credentials: serve authenticates with a header or <c>?token=</c>, never a cookie.
/// </summary>
internal static class CrossOriginEndpoints
{
    /// <summary>How long a browser may reuse a preflight's answer, s.</summary>
    private const int PreflightMaxAgeSeconds = 600;

    public static IApplicationBuilder UseCrossOrigin(this IApplicationBuilder app, AllowedOrigins? origins)
    {
        if (origins is null)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (!IsReadOnlyApi(request.Path))
            {
                return next(context);
            }

            var headers = context.Response.Headers;
            var origin = request.Headers.Origin.ToString();
            var allowed = origin.Length > 0 && origins.Allows(origin);
            if (origins.AnyOrigin)
            {
                // The same answer for every origin (and for none), so caches need not keep one per origin.
                headers.AccessControlAllowOrigin = AllowedOrigins.Any;
            }
            else
            {
                headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                if (allowed)
                {
                    headers.AccessControlAllowOrigin = origin;
                }
            }

            if (!IsPreflight(request))
            {
                return next(context);
            }

            // Answered here whatever the origin: a refused origin gets no CORS headers (the browser then blocks the
            // request), not a 401 or 405 page.
            if (allowed && request.Headers.AccessControlRequestMethod == HttpMethods.Get)
            {
                headers.AccessControlAllowMethods = HttpMethods.Get;
                headers.AccessControlAllowHeaders = HeaderNames.Authorization;
                headers.AccessControlMaxAge = PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // Chromium asks before a public website's page may reach a server at home (Private Network Access).
                if (request.Headers["Access-Control-Request-Private-Network"] == "true")
                {
                    headers["Access-Control-Allow-Private-Network"] = "true";
                }
            }
            else
            {
                headers.Remove(HeaderNames.AccessControlAllowOrigin);
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    private static bool IsReadOnlyApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.Ordinal) || path.Equals("/healthz", StringComparison.Ordinal);

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;
}
