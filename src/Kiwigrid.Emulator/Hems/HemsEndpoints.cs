using System.Text.Json;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// Today's SOLARWATT HEMS REST API (<c>https://hems.kiwigrid.com/v11</c>, PROTOCOL-2024.md) over the emulator's one
/// site: every request needs a OneID bearer token (<see cref="HemsBearerTokens"/>); a device list of a kind the home
/// lacks answers 404, as the public documentation says ("endpoint not available for this installation").
/// </summary>
internal static class HemsEndpoints
{
    public static IEndpointRouteBuilder MapHems(this IEndpointRouteBuilder routes)
    {
        var v11 = routes.MapGroup("/v11");
        v11.AddEndpointFilter(RequireBearerAsync);

        v11.MapGet("/energy-flow", (ISite site) => HemsJson.Write(w => HemsEnergyFlow.Write(w, HemsSnapshot.Take(site))));
        v11.MapGet("/battery", (ISite site) => DevicesOf(site, HemsDeviceKind.Battery));
        v11.MapGet("/pv-plant", (ISite site) => DevicesOf(site, HemsDeviceKind.PvPlant));
        v11.MapGet("/evstation", (ISite site) => DevicesOf(site, HemsDeviceKind.EvStation));
        v11.MapGet("/plug", (ISite site) => DevicesOf(site, HemsDeviceKind.Plug));
        v11.MapGet("/smart-heater", (ISite site) => DevicesOf(site, HemsDeviceKind.SmartHeater));
        v11.MapGet("/device", (ISite site) => HemsJson.Write(w => HemsDeviceLists.WriteDevices(w, HemsSnapshot.Take(site))));
        v11.MapGet("/device/optimization", (ISite site) => HemsJson.Write(w => HemsDeviceLists.WriteOptimization(w, HemsSnapshot.Take(site))));
        v11.MapGet("/home/consumption/consumers", (ISite site) => HemsJson.Write(w => HemsDeviceLists.WriteConsumers(w, HemsSnapshot.Take(site))));
        v11.MapGet("/user/profile", () => HemsJson.Write(UserProfile));
        v11.MapGet("/analytics/{kind}", AnalyticsAsync);
        v11.MapHemsControl();
        return routes;
    }

    private static async ValueTask<object?> RequireBearerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tokens = http.RequestServices.GetRequiredService<HemsBearerTokens>();
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HemsEndpoints));
        var user = await tokens.UserAsync(http.Request.Headers.Authorization.ToString()).ConfigureAwait(false);
        if (user is null)
        {
            HemsLog.Refused(logger, http.Request.Path, "missing, invalid or expired bearer token");
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return HemsJson.Error(
                StatusCodes.Status401Unauthorized, "invalid_token", "The bearer token is missing, invalid or expired; log in again.");
        }

        HemsLog.Served(logger, http.Request.Path, user);
        return await next(context).ConfigureAwait(false);
    }

    private static IResult DevicesOf(ISite site, HemsDeviceKind kind)
    {
        var home = HemsSnapshot.Take(site);
        return home.OfKind(kind).Any()
            ? HemsJson.Write(w => HemsDeviceLists.WriteKind(w, home, kind))
            : HemsJson.Error(StatusCodes.Status404NotFound, "not_available", "This installation has no such device.");
    }

    /// <summary>Only <c>currency</c> is public; the emulated homes are all in the euro area.</summary>
    private static void UserProfile(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("currency", "EUR");
        w.WriteEndObject();
    }

    private static async Task<IResult> AnalyticsAsync(string kind, HttpContext context, ISite site, EmulatorOptions options, ILoggerFactory loggers)
    {
        var home = HemsSnapshot.Take(site);
        HemsAnalyticsQuery query;
        try
        {
            query = HemsAnalyticsQuery.Parse(kind, context.Request.Query, home.TimeZone());
        }
        catch (InvalidHemsQueryException e)
        {
            var logger = loggers.CreateLogger(typeof(HemsEndpoints));
            HemsLog.Refused(logger, context.Request.Path, e.Message);
            return HemsJson.Error(StatusCodes.Status400BadRequest, "invalid_request", e.Message);
        }

        // The real API can take over 10 s for a month or a year; clients' timeouts are tested against this.
        if (query.Resolution is HemsResolution.Day or HemsResolution.Month && options.HemsAnalyticsDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.HemsAnalyticsDelay, options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        return HemsJson.Write(w => HemsAnalytics.Write(w, site, home, query));
    }
}
