using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Hosting.Views;
using Kiwigrid.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiwigrid.Hosting;

/// <summary>
/// <c>GET /api/settings</c> (what can be set, read from the site) and <c>POST /api/settings/{device}/{setting}</c>
/// with <c>{"value":"…"}</c> (a change, answered with the read-back), only with <c>--allow-control</c> and never
/// from a page of another website.
/// </summary>
internal static class SettingsEndpoints
{
    /// <summary>A value is a word or a number; anything longer is not a setting's value.</summary>
    private const int MaxBodyBytes = 4096;

    /// <param name="routes">The host's endpoints.</param>
    /// <param name="currentControl">The site's control, asked on each request: null while the site is not open or has no settings.</param>
    /// <param name="feed">Whether the site has been read yet, which tells the two apart for the answer.</param>
    public static IEndpointRouteBuilder MapSettings(this IEndpointRouteBuilder routes, Func<SiteControl?> currentControl, SiteFeed feed)
    {
        IResult NoSettings() => feed.Latest is null ? NotOpenYet() : NotOffered();

        routes.MapGet("/api/settings", async (HttpContext context) =>
        {
            if (currentControl() is not { } control)
            {
                return NoSettings();
            }

            try
            {
                var settings = await control.ReadAsync(context.RequestAborted);
                return SiteApiEndpoints.Json(JsonText.WriteCompact(w => SiteJson.WriteSettings(w, settings)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                return SourceFailed(ex);
            }
        });
        routes.MapPost("/api/settings/{device}/{setting}", async (HttpContext context, string device, string setting) =>
        {
            if (currentControl() is not { } control)
            {
                return NoSettings();
            }

            if (!control.Allowed)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status403Forbidden, "control_off", "This server does not change settings; start serve with --allow-control to allow it.");
            }

            if (CrossOrigin(context.Request) is { } origin)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status403Forbidden, "cross_origin", $"Pages of {origin} may not change settings; use the dashboard or send the request from outside a browser.");
            }

            if (await ReadValueAsync(context.Request) is not { } value)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status400BadRequest, "bad_request", """Send the new value as JSON, e.g. {"value":"ON"}.""");
            }

            try
            {
                // Before anything is sent: a failure here changed nothing.
                await control.FindAsync(device, setting, context.RequestAborted);
            }
            catch (KeyNotFoundException ex)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status404NotFound, "not_found", ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                return SourceFailed(ex);
            }

            var who = AccessTokenEndpoints.TokenName(context) ?? "anonymous";
            try
            {
                var change = await control.ChangeAsync(who, device, setting, value, context.RequestAborted);
                // Accepted, so it normalizes: the value in the spelling sent to the site.
                return SiteApiEndpoints.Json(JsonText.WriteCompact(w => SettingJson.WriteChange(w, change, change.Before.Normalize(value))));
            }
            catch (KeyNotFoundException ex)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status404NotFound, "not_found", ex.Message);
            }
            catch (ArgumentException ex)
            {
                return SiteApiEndpoints.Error(StatusCodes.Status400BadRequest, "refused", FirstSentence(ex));
            }
            catch (KiwigridServiceException ex) when (ex.Code is >= 400 and < 500 and not (401 or 403 or 419))
            {
                return SiteApiEndpoints.Error(StatusCodes.Status400BadRequest, "refused", ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                return SourceFailed(ex, changing: true);
            }
        });
        return routes;
    }

    /// <summary>The origin of a browser page that is not this server's own, or null for a same-origin page or no browser.</summary>
    private static string? CrossOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) ? null : origin;
    }

    /// <summary>The value of <c>{"value":"…"}</c> (a string, or a number as written); null when the body is not that.</summary>
    private static async Task<string?> ReadValueAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        try
        {
            return JsonNode.Parse(body.ToArray())?["value"] is JsonValue value
                ? value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.ToJsonString(),
                    _ => null,
                }
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static IResult NotOffered() =>
        SiteApiEndpoints.Error(StatusCodes.Status404NotFound, "not_supported", "This site offers no settings here; change them in the SOLARWATT app or portal.");

    private static IResult NotOpenYet() =>
        SiteApiEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "not_ready", "The site has not been read yet; ask again once /healthz says ok.");

    private static IResult SourceFailed(Exception ex, bool changing = false) => ex switch
    {
        TimeoutException or KiwigridTimeoutException => SiteApiEndpoints.Error(StatusCodes.Status504GatewayTimeout, "timeout", ex.Message),
        KiwigridServiceException { IsTimeout: true } => SiteApiEndpoints.Error(StatusCodes.Status504GatewayTimeout, "timeout", ex.Message),
        _ => SiteApiEndpoints.Error(
            StatusCodes.Status502BadGateway,
            "source_failed",
            changing
                ? $"The site failed during the change and it may have been made ({ex.Message.TrimEnd('.')}); read the settings again before retrying."
                : $"Reading the site's settings failed ({ex.Message.TrimEnd('.')}); try again later."),
    };

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'value')" .NET adds.</summary>
    private static string FirstSentence(ArgumentException ex) => ex.Message.Split(" (Parameter", 2)[0];
}
