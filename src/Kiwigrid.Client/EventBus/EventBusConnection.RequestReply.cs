using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>Requests with replies and fire-and-forget publishes.</summary>
internal sealed partial class EventBusConnection
{
    /// <inheritdoc />
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<T> SendAsync<T>(string address, JsonObject body, Func<EventBusBody, T> readReply, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(readReply);
        var wait = timeout ?? _options.RequestTimeout;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "The request timeout must be positive.");
        }

        ThrowIfEnded();
        // The timeout covers the whole request, including the wait for other writers.
        using var timeoutSource = new CancellationTokenSource(wait, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var replyAddress = Guid.NewGuid().ToString("D");
        var reply = new PendingReply<T>(address, readReply);
        _pendingReplies[replyAddress] = reply;
        try
        {
            // End() sets the reason before failing the pending requests: either it saw this one, or we see the reason.
            ThrowIfEnded();
            await _transport.SendAsync(EventBusMessageWriter.Send(address, replyAddress, body), linked.Token).ConfigureAwait(false);
            _logger.RequestSent(address, replyAddress);
            return await reply.Result.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Report the caller's token, not the linked one, so the caller recognises its own cancellation.
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            _logger.RequestTimedOut(address, wait);
            throw new KiwigridTimeoutException($"No reply from '{address}' within {wait.TotalSeconds:0.###} s.");
        }
        finally
        {
            _pendingReplies.TryRemove(replyAddress, out _);
        }
    }

    /// <summary>Publishes <paramref name="body"/> to every handler of <paramref name="address"/>; no reply.</summary>
    /// <exception cref="KiwigridConnectionException">The connection has ended.</exception>
    public async Task PublishAsync(string address, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfEnded();
        await _transport.SendAsync(EventBusMessageWriter.Publish(address, body), cancellationToken).ConfigureAwait(false);
    }

    private bool TryCompleteReply(string address, EventBusBody body)
    {
        if (!_pendingReplies.TryRemove(address, out var reply))
        {
            return false;
        }

        _logger.ReplyReceived(address);
        reply.Complete(body);
        return true;
    }

    private void OnReplyFailure(EventBusInboundMessage message)
    {
        var address = message.Address!;
        _logger.ReplyFailed(address, message.FailureCode, message.FailureType);
        if (_pendingReplies.TryRemove(address, out var reply))
        {
            reply.Fail(new KiwigridServiceException(
                message.FailureCode, message.FailureType, message.FailureMessage ?? $"The bus reported {message.FailureType ?? "a failure"}."));
        }
        else
        {
            _logger.Unmatched(address);
        }
    }
}
