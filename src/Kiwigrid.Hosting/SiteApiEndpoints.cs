using Kiwigrid.Hosting.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary>The JSON API: <c>/api/energy-flow</c>, <c>/api/devices</c>, <c>/api/devices/{guid}</c>.</summary>
internal static class SiteApiEndpoints
{
    public static IEndpointRouteBuilder MapSiteApi(this IEndpointRouteBuilder routes, SiteFeed feed)
    {
        var api = routes.MapGroup("/api");
        api.MapGet("/energy-flow", () => feed.Latest is { } reading
            ? Json(JsonText.WriteCompact(w => SiteJson.WriteEnergyFlow(w, reading, feed)))
            : NoSnapshotYet());
        api.MapGet("/devices", () => feed.Latest is { } reading
            ? Json(JsonText.WriteCompact(w => SiteJson.WriteDevices(w, reading)))
            : NoSnapshotYet());
        api.MapGet("/devices/{guid}", (string guid) =>
        {
            if (feed.Latest is not { } reading)
            {
                return NoSnapshotYet();
            }

            return reading.Find(guid) is { } device
                ? Json(JsonText.WriteCompact(w => DeviceJson.WriteTags(w, device)))
                : Error(StatusCodes.Status404NotFound, "not_found", $"The site has no device with guid '{guid}'.");
        });
        return routes;
    }

    public static IResult Json(string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(body, "application/json; charset=utf-8", statusCode: statusCode);

    public static IResult Error(int statusCode, string error, string message) =>
        Json(JsonText.WriteCompact(w => SiteJson.WriteError(w, error, message)), statusCode);

    private static IResult NoSnapshotYet() =>
        Error(StatusCodes.Status503ServiceUnavailable, "no_data", "The server has not read the site yet; try again in a few seconds.");
}
