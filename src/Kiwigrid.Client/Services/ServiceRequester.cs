using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Client.EventBus;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Services;

/// <summary>
/// One Kiwigrid service call: wraps the parameters in <c>{"accessToken","action","params"}</c>, checks the reply's
/// status and code, and on 419 (token expired) logs in again and resends once.
/// </summary>
internal sealed partial class ServiceRequester(IEventBusRequester bus, IAccessTokenSource tokens, ILogger logger)
{
    /// <summary>Sends <paramref name="action"/> to <paramref name="address"/> and returns the reply's <c>result</c>.</summary>
    /// <exception cref="KiwigridServiceException">The service answered an error (after one resend on 419).</exception>
    /// <exception cref="KiwigridProtocolException">The reply is not a service reply.</exception>
    public async Task<JsonElement> RequestAsync(string address, string action, JsonObject parameters, CancellationToken cancellationToken)
    {
        var token = tokens.Current;
        try
        {
            return await SendOnceAsync(address, action, parameters, token, cancellationToken).ConfigureAwait(false);
        }
        catch (KiwigridServiceException ex) when (ex.IsTokenExpired)
        {
            LogTokenExpired(logger, address, action);
            var renewed = await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);

            // Once only: a second 419 right after a fresh login is not something another login would fix.
            return await SendOnceAsync(address, action, parameters, renewed, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonElement> SendOnceAsync(string address, string action, JsonObject parameters, Auth.AccessToken token, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["accessToken"] = token.Value,
            ["action"] = action,
            ["params"] = parameters.DeepClone(),
        };
        var reply = await bus.SendAsync(address, body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ReadResult(reply, address, action);
    }

    /// <summary>The <c>result</c> of a successful reply (a copy owned by the caller); an exception otherwise.</summary>
    internal static JsonElement ReadResult(JsonElement reply, string address, string action)
    {
        if (reply.ValueKind != JsonValueKind.Object)
        {
            throw new KiwigridProtocolException($"{address}.{action} answered with a {reply.ValueKind} instead of a reply object.");
        }

        string? status = reply.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        int? code = reply.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : null;
        var message = reply.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

        if (status is null && code is null)
        {
            throw new KiwigridProtocolException($"{address}.{action} answered without status or code.");
        }

        // 204 No Content is a success like 200; the protocol lists it among the reply codes.
        var failed = string.Equals(status, "error", StringComparison.OrdinalIgnoreCase) || code is < 200 or > 299;
        if (failed)
        {
            var effectiveCode = code ?? 500;
            throw new KiwigridServiceException(
                effectiveCode,
                null,
                $"{address}.{action} failed with code {effectiveCode}: {(string.IsNullOrEmpty(message) ? "no message" : message)}.");
        }

        return reply.TryGetProperty("result", out var result) ? result.Clone() : default;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Address}.{Action}: the access token expired, logging in again and resending once")]
    private static partial void LogTokenExpired(ILogger logger, string address, string action);
}
