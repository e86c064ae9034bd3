using Kiwigrid.Hosting.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
namespace Kiwigrid.Hosting;

/// <summary>
/// Refuses every request without the access token, when one is set; but <c>/healthz</c> answers a health check
/// without it (a load balancer's or a container runtime's), with no more than up or down (<see cref="IsAnonymous"/>).
/// </summary>
internal static class AccessTokenEndpoints
{
    private const string AnonymousKey = "kiwigrid.anonymous";
    private const string TokenNameKey = "kiwigrid.token-name";

    /// <summary>Whether the request came without the token that is set: it may learn whether serve is healthy, nothing else.</summary>
    public static bool IsAnonymous(HttpContext context) => context.Items.ContainsKey(AnonymousKey);

    /// <summary>The name of the token the request carried, for the log of a change; null when serve has no token.</summary>
    public static string? TokenName(HttpContext context) => context.Items[TokenNameKey] as string;

    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, AccessTokens? tokens)
    {
        if (tokens is null)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (tokens.Find(AccessToken.From(context.Request)) is { } token)
            {
                context.Items[TokenNameKey] = token.Name;
                await next(context);
                return;
            }

            if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal))
            {
                context.Items[AnonymousKey] = true;
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonText.WriteCompact(w => SiteJson.WriteError(
                w, "unauthorized", "This server needs its access token: an Authorization: Bearer header, or ?token= on the dashboard's URL.")));
        });
    }
}
