using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Auth;
using Kiwigrid.Client.EventBus;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Services;

/// <summary>
/// One Kiwigrid service call: wraps the parameters in <c>{"accessToken","action","params"}</c>, checks the reply's
/// status and code, and on 419 (token expired) logs in again and resends once.
/// </summary>
internal sealed partial class ServiceRequester(IEventBusRequester bus, IAccessTokenSource tokens, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>What an absent <c>result</c> is read as.</summary>
    private static readonly ReadOnlyMemory<byte> NullLiteral = "null"u8.ToArray();

    /// <summary>Sends <paramref name="action"/> to <paramref name="address"/> and returns the reply's <c>result</c>.</summary>
    /// <exception cref="KiwigridServiceException">The service answered an error (after one resend on 419).</exception>
    /// <exception cref="KiwigridProtocolException">The reply is not a service reply.</exception>
    public Task<JsonElement> RequestAsync(string address, string action, JsonObject parameters, CancellationToken cancellationToken) =>
        RequestAsync(address, action, parameters, ReadElement, cancellationToken);

    /// <summary>
    /// Sends <paramref name="action"/> to <paramref name="address"/> and reads the reply's <c>result</c> with
    /// <paramref name="readResult"/>, in the same pass as the rest of the reply (an absent result is read as <c>null</c>).
    /// </summary>
    /// <exception cref="KiwigridServiceException">The service answered an error (after one resend on 419).</exception>
    /// <exception cref="KiwigridProtocolException">The reply is not a service reply, or <paramref name="readResult"/> refused it.</exception>
    public async Task<T> RequestAsync<T>(string address, string action, JsonObject parameters, JsonValueReader<T> readResult, CancellationToken cancellationToken)
    {
        var token = tokens.Current;
        try
        {
            return await SendOnceAsync(address, action, parameters, readResult, token, cancellationToken).ConfigureAwait(false);
        }
        catch (KiwigridServiceException ex) when (ex.IsTokenExpired)
        {
            LogTokenExpired(logger, address, action);
            var renewed = await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);

            // Once only: a second 419 right after a fresh login is not something another login would fix.
            return await SendOnceAsync(address, action, parameters, readResult, renewed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The <c>result</c> of a successful reply, read by <paramref name="readResult"/>; a service error for a failed one.
    /// The reply's fields may come in any order: a result that <paramref name="readResult"/> refuses only counts once
    /// the status says the call succeeded.
    /// </summary>
    internal static T ReadReply<T>(EventBusBody reply, string address, string action, JsonValueReader<T> readResult)
    {
        if (!reply.IsPresent)
        {
            throw new KiwigridProtocolException($"{address}.{action} answered with no body instead of a reply object.");
        }

        return reply.Read((ref Utf8JsonReader reader, ReadOnlyMemory<byte> source) => ReadReplyObject(ref reader, source, address, action, readResult));
    }

    private async Task<T> SendOnceAsync<T>(string address, string action, JsonObject parameters, JsonValueReader<T> readResult, Auth.AccessToken token, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["accessToken"] = token.Value,
            ["action"] = action,
            ["params"] = parameters.DeepClone(),
        };
        using var measured = MeasuredOperation.Request(KiwigridTelemetry.Sources.Legacy, address + "." + action, timeProvider, logger, cancellationToken);
        try
        {
            var result = await bus.SendAsync(address, body, reply => ReadReply(reply, address, action, readResult), cancellationToken: cancellationToken).ConfigureAwait(false);
            measured.Succeeded();
            return result;
        }
        catch (Exception e) when (measured.Failed(e))
        {
            throw;
        }
    }

    private static T ReadReplyObject<T>(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, string address, string action, JsonValueReader<T> readResult)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = JsonElement.ParseValue(ref reader).ValueKind;
            throw new KiwigridProtocolException($"{address}.{action} answered with a {kind} instead of a reply object.");
        }

        string? status = null;
        int? code = null;
        string? message = null;
        var result = default(T);
        var hasResult = false;
        KiwigridProtocolException? refusedResult = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                hasResult = true;
                var atResult = reader;
                try
                {
                    result = readResult(ref reader, source);
                }
                catch (KiwigridProtocolException e)
                {
                    // Only an error if the call succeeded; a failed call's result may hold anything.
                    refusedResult = e;
                    reader = atResult;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

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

        if (refusedResult is not null)
        {
            throw refusedResult;
        }

        return hasResult ? result! : ReadAbsent(readResult);
    }

    private static T ReadAbsent<T>(JsonValueReader<T> readResult)
    {
        var reader = new Utf8JsonReader(NullLiteral.Span);
        reader.Read();
        return readResult(ref reader, NullLiteral);
    }

    private static JsonElement ReadElement(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source) => JsonElement.ParseValue(ref reader);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Address}.{Action}: the access token expired, logging in again and resending once")]
    private static partial void LogTokenExpired(ILogger logger, string address, string action);
}
