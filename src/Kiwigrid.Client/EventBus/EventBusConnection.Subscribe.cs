using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// Registrations: one <c>register</c> per address however many subscribers it has, <c>unregister</c> when the last
/// one leaves. Each subscriber reads from its own bounded channel, so a slow reader never stalls the read loop.
/// </summary>
internal sealed partial class EventBusConnection
{
    /// <summary>How many undelivered messages a subscription holds before it drops new ones (with a warning).</summary>
    public const int SubscriptionCapacity = 1024;

    // Serialises register/unregister so they reach the server in the order the subscriber counts changed.
    private readonly SemaphoreSlim _registrationGate = new(1, 1);
    private readonly Dictionary<string, List<Channel<JsonElement>>> _subscribers = new(StringComparer.Ordinal); // lock: itself

    /// <summary>
    /// The bodies of the messages sent to <paramref name="address"/>. Registers when enumeration starts and
    /// unregisters when it ends; the enumeration fails with <see cref="KiwigridConnectionException"/> when the
    /// connection is lost.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is null or empty (thrown at once).</exception>
    public IAsyncEnumerable<JsonElement> SubscribeAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ThrowIfEnded();
        return ReadSubscriptionAsync(address, cancellationToken);
    }

    private async IAsyncEnumerable<JsonElement> ReadSubscriptionAsync(string address, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(SubscriptionCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails instead of waiting, so we can log the drop.
        });
        await AddSubscriberAsync(address, channel, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var body in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return body;
            }
        }
        finally
        {
            await RemoveSubscriberAsync(address, channel).ConfigureAwait(false);
        }
    }

    private async Task AddSubscriberAsync(string address, Channel<JsonElement> channel, CancellationToken cancellationToken)
    {
        await _registrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool first;
            lock (_subscribers)
            {
                ThrowIfEnded();
                first = !_subscribers.TryGetValue(address, out var list);
                if (first)
                {
                    _subscribers[address] = list = [];
                }

                list!.Add(channel);
            }

            if (first)
            {
                try
                {
                    await _transport.SendAsync(EventBusMessageWriter.Register(address), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    RemoveFromList(address, channel);
                    throw;
                }

                _logger.Registered(address);
            }
        }
        finally
        {
            _registrationGate.Release();
        }
    }

    private async Task RemoveSubscriberAsync(string address, Channel<JsonElement> channel)
    {
        channel.Writer.TryComplete();
        await _registrationGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (RemoveFromList(address, channel) && Volatile.Read(ref _endReason) is null)
            {
                try
                {
                    await _transport.SendAsync(EventBusMessageWriter.Unregister(address), CancellationToken.None).ConfigureAwait(false);
                    _logger.Unregistered(address);
                }
                catch (KiwigridConnectionException)
                {
                    // Gone with the connection: a closed session holds no registrations.
                }
            }
        }
        finally
        {
            _registrationGate.Release();
        }
    }

    /// <summary>Removes one subscriber; true when it was the address's last.</summary>
    private bool RemoveFromList(string address, Channel<JsonElement> channel)
    {
        lock (_subscribers)
        {
            if (!_subscribers.TryGetValue(address, out var list) || !list.Remove(channel) || list.Count > 0)
            {
                return false;
            }

            _subscribers.Remove(address);
            return true;
        }
    }

    private bool TryDeliver(string address, EventBusBody body)
    {
        lock (_subscribers)
        {
            if (!_subscribers.TryGetValue(address, out var list))
            {
                return false;
            }

            // Subscribers get a document: what an event holds is up to them.
            var element = body.ToElement();
            foreach (var channel in list)
            {
                if (!channel.Writer.TryWrite(element))
                {
                    _logger.SubscriptionFull(address);
                }
            }

            return true;
        }
    }

    private void CompleteSubscriptions(Exception reason)
    {
        lock (_subscribers)
        {
            foreach (var channel in _subscribers.Values.SelectMany(list => list))
            {
                channel.Writer.TryComplete(reason);
            }
        }
    }
}
