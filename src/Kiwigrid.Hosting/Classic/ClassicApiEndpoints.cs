using Kiwigrid.Hosting.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// The classic paths, answered before the access token is asked for (the integrations cannot send one), read-only:
/// <see cref="DeviceListPath"/> and <see cref="EnergyOverviewPath"/> from serve's latest reading. Who may read them
/// is <see cref="ClassicApiAccess"/>'s decision. A stale reading is still answered, as an Energy Manager whose
/// devices stopped reporting still lists their last values; <c>/healthz</c> tells whether it is fresh.
/// </summary>
internal static class ClassicApiEndpoints
{
    public const string DeviceListPath = "/rest/kiwigrid/wizard/devices";

    public const string EnergyOverviewPath = "/rest/hems-configurator/energy-overview";

    private const string JsonContentType = "application/json; charset=utf-8";

    public static IApplicationBuilder UseClassicApi(this IApplicationBuilder app, ClassicApiOptions? options, SiteFeed feed)
    {
        if (options is null)
        {
            return app;
        }

        var answers = new ClassicAnswers(feed);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var deviceList = path.Equals(DeviceListPath, StringComparison.Ordinal);
            if (!deviceList && !path.Equals(EnergyOverviewPath, StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            var response = context.Response;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await WriteErrorAsync(response, StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "The classic Energy Manager API is read-only; use GET.");
                return;
            }

            if (!ClassicApiAccess.Allows(context.Connection.RemoteIpAddress, options))
            {
                await WriteErrorAsync(response, StatusCodes.Status403Forbidden, "forbidden", ClassicApiAccess.RefusedMessage);
                return;
            }

            if (answers.Latest() is not { } answer)
            {
                await WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "no_data", "The server has not read the site yet; try again in a few seconds.");
                return;
            }

            var body = deviceList ? answer.DeviceList : answer.EnergyOverview;
            response.ContentType = JsonContentType;
            response.ContentLength = body.Length;
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await response.Body.WriteAsync(body, context.RequestAborted);
            }
        });
    }

    private static Task WriteErrorAsync(HttpResponse response, int statusCode, string error, string message)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        return response.WriteAsync(JsonText.WriteCompact(w => SiteJson.WriteError(w, error, message)));
    }
}
