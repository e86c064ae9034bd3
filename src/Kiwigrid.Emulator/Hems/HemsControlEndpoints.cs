using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// The HEMS API's two writes (PROTOCOL-2024.md, "Controls"): <c>PATCH /device/{id}/optimization/config</c> with
/// <c>{"optimization_mode":"…"}</c> and <c>PUT /device/{id}/optimization/state</c> with <c>{"target_state":"ON"|"OFF"}</c>.
/// They refuse what the real cloud would (our reading, its answers are not public): a device not in
/// <c>/device/optimization</c> is 404, a body that is no such object, a mode the device does not list or switching a
/// device that cannot switch is 400, each with the error body of every refusal; a change is 204 and steers the
/// simulated home from its next step, as a <c>mergeDevice</c> of the same tag would.
/// </summary>
internal static class HemsControlEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapHemsControl(this RouteGroupBuilder v11)
    {
        v11.MapPatch("/device/{id}/optimization/config", ConfigAsync);
        v11.MapPut("/device/{id}/optimization/state", StateAsync);
        return v11;
    }

    private static async Task<IResult> ConfigAsync(string id, HttpContext context, ISite site, EmulatorOptions options, ILoggerFactory loggers)
    {
        var (device, refusal) = await ReadAsync(id, "optimization_mode", context, site, loggers).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var (optimization, mode) = device!.Value;
        if (!optimization.SupportedModes.Contains(mode, StringComparer.Ordinal))
        {
            return Refuse(context, loggers, "unsupported_mode",
                $"{optimization.Device.Name} takes the optimization modes {string.Join(", ", optimization.SupportedModes)}, not '{mode}'.");
        }

        site.Devices.Set(optimization.Device.Guid, WritableSettings.OptimizationMode, mode, options.TimeProvider.GetUtcNow());
        return Results.NoContent();
    }

    private static async Task<IResult> StateAsync(string id, HttpContext context, ISite site, EmulatorOptions options, ILoggerFactory loggers)
    {
        var (device, refusal) = await ReadAsync(id, "target_state", context, site, loggers).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var (optimization, state) = device!.Value;
        if (!optimization.SupportsSwitching)
        {
            return Refuse(context, loggers, "switching_not_supported", $"{optimization.Device.Name} cannot be switched on or off.");
        }

        if (state is not ("ON" or "OFF"))
        {
            return Refuse(context, loggers, "invalid_request", $"target_state takes ON or OFF, not '{state}'.");
        }

        site.Devices.Set(optimization.Device.Guid, optimization.SwitchTag!, optimization.SwitchValue(state == "ON"), options.TimeProvider.GetUtcNow());
        return Results.NoContent();
    }

    /// <summary>Finds the device (404 otherwise) and reads the body's one string field (400 otherwise).</summary>
    private static async Task<((HemsOptimization Device, string Value)? Found, IResult? Refusal)> ReadAsync(
        string id, string field, HttpContext context, ISite site, ILoggerFactory loggers)
    {
        var optimization = HemsOptimization.Of(HemsSnapshot.Take(site)).FirstOrDefault(o => o.Device.Guid == id);
        if (optimization is null)
        {
            var logger = loggers.CreateLogger(typeof(HemsControlEndpoints));
            HemsLog.Refused(logger, context.Request.Path, "no such device");
            return (null, HemsJson.Error(StatusCodes.Status404NotFound, "not_found", $"There is no device '{id}' to optimize in this installation."));
        }

        var value = await ReadFieldAsync(context.Request, field).ConfigureAwait(false);
        return value is null
            ? (null, Refuse(context, loggers, "invalid_request", $"The body must be a JSON object with the string \"{field}\"."))
            : ((optimization, value), null);
    }

    private static async Task<string?> ReadFieldAsync(HttpRequest request, string field)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length is 0 or > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))?[field] is JsonValue value
                && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON whose root is no object.
            return null;
        }
    }

    private static IResult Refuse(HttpContext context, ILoggerFactory loggers, string error, string message)
    {
        var logger = loggers.CreateLogger(typeof(HemsControlEndpoints));
        HemsLog.Refused(logger, context.Request.Path, message);
        return HemsJson.Error(StatusCodes.Status400BadRequest, error, message);
    }
}
