using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>Requests with replies and fire-and-forget publishes.</summary>
internal sealed partial class EventBusConnection
{
    /// <inheritdoc />
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EventBusBody> SendAsync(string address, JsonObject body, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(body);
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
        var reply = new TaskCompletionSource<EventBusBody>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingReplies[replyAddress] = new PendingReply(address, reply);
        try
        {
            // End() sets the reason before failing the pending requests: either it saw this one, or we see the reason.
            ThrowIfEnded();
            await _transport.SendAsync(EventBusMessageWriter.Send(address, replyAddress, body), linked.Token).ConfigureAwait(false);
            _logger.RequestSent(address, replyAddress);
            return await reply.Task.WaitAsync(linked.Token).ConfigureAwait(false);
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
        reply.Reply.TrySetResult(body);
        return true;
    }

    private void OnReplyFailure(EventBusInboundMessage message)
    {
        var address = message.Address!;
        _logger.ReplyFailed(address, message.FailureCode, message.FailureType);
        if (_pendingReplies.TryRemove(address, out var reply))
        {
            reply.Reply.TrySetException(new KiwigridServiceException(
                message.FailureCode, message.FailureType, message.FailureMessage ?? $"The bus reported {message.FailureType ?? "a failure"}."));
        }
        else
        {
            _logger.Unmatched(address);
        }
    }
}
