namespace Kiwigrid.Client.EventBus;

/// <summary>A request waiting for its reply: where it went, and how the reply is read when it comes.</summary>
internal abstract class PendingReply(string address)
{
    /// <summary>Where the request went.</summary>
    public string Address { get; } = address;

    /// <summary>Reads the reply, on the read loop, while its memory is valid; the waiting request gets the result.</summary>
    public abstract void Complete(EventBusBody reply);

    /// <summary>Fails the waiting request (a reply failure, a refused message, a lost connection).</summary>
    public abstract void Fail(Exception reason);
}

/// <summary>A pending reply whose request wants a <typeparamref name="T"/>.</summary>
internal sealed class PendingReply<T>(string address, Func<EventBusBody, T> readReply) : PendingReply(address)
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the reply was read as, or why there is none.</summary>
    public Task<T> Result => _result.Task;

    public override void Complete(EventBusBody reply)
    {
        T value;
        try
        {
            value = readReply(reply);
        }
#pragma warning disable CA1031 // Whatever the reader throws is this request's failure, not the read loop's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _result.TrySetException(e);
            return;
        }

        _result.TrySetResult(value);
    }

    public override void Fail(Exception reason) => _result.TrySetException(reason);
}
