using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Services;

namespace Kiwigrid.Emulator.Bus;

/// <summary>
/// The event-bus side of the SockJS bridge, modelled on Vert.x's <c>EventBusBridge</c>: <c>send</c> and
/// <c>publish</c> reach the cloud services or the clients registered at an address, <c>register</c>/<c>unregister</c>
/// manage those registrations, <c>ping</c> keeps a connection alive. Replies and errors take the dialect's shape.
/// </summary>
internal sealed class EventBusBridge(ServiceDispatcher services, BusEnvelopes envelopes, ILoggerFactory loggers)
{
    /// <summary>Vert.x refuses longer reply addresses (its client's UUIDs have 36 characters).</summary>
    private const int MaxReplyAddressLength = 36;

    /// <summary>Vert.x's default <c>max_address_length</c>.</summary>
    private const int MaxAddressLength = 200;

    private readonly ILogger _logger = loggers.CreateLogger<EventBusBridge>();
    private readonly ConcurrentDictionary<string, ImmutableArray<IBusConnection>> _registrations = new(StringComparer.Ordinal);

    /// <summary>Reply addresses of requests one client sent to another, and who waits for the answer.</summary>
    private readonly ConcurrentDictionary<string, IBusConnection> _awaitingReply = new(StringComparer.Ordinal);

    public void Handle(IBusConnection connection, string text)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            Refuse(connection, "invalid_json", "not a JSON object");
            return;
        }

        if (!WellFormedJson.Check(message))
        {
            // Reading such a message later would throw out of the session's read loop and drop the connection.
            Refuse(connection, "invalid_json", "text that is not valid Unicode or a repeated key");
            return;
        }

        if (message["type"] is not JsonValue typeNode || !typeNode.TryGetValue<string>(out var type))
        {
            Refuse(connection, "missing_type", "no type");
            return;
        }

        if (type == "ping")
        {
            connection.Pinged();
            return;
        }

        if (message["address"] is not JsonValue addressNode || !addressNode.TryGetValue<string>(out var address))
        {
            Refuse(connection, "missing_address", "no address");
            return;
        }

        BusLog.Received(_logger, connection.Id, type, address);
        switch (type)
        {
            case "send":
                SendOrPublish(connection, message, address, publish: false);
                break;
            case "publish":
                SendOrPublish(connection, message, address, publish: true);
                break;
            case "register":
                Register(connection, address);
                break;
            case "unregister":
                _registrations.AddOrUpdate(address, [], (_, current) => current.Remove(connection));
                break;
            default:
                Refuse(connection, "invalid_type", "unknown type " + type);
                break;
        }
    }

    /// <summary>Forgets a closed connection's registrations and the replies it waited for.</summary>
    public void Disconnected(IBusConnection connection)
    {
        foreach (var address in _registrations.Keys)
        {
            _registrations.AddOrUpdate(address, [], (_, current) => current.Remove(connection));
        }

        foreach (var (replyAddress, waiting) in _awaitingReply)
        {
            if (waiting == connection)
            {
                _awaitingReply.TryRemove(replyAddress, out _);
            }
        }
    }

    private void SendOrPublish(IBusConnection connection, JsonObject message, string address, bool publish)
    {
        var body = message["body"]?.DeepClone();
        var replyAddress = message["replyAddress"] is JsonValue replyNode && replyNode.TryGetValue<string>(out var reply) ? reply : null;
        if (replyAddress is { Length: > MaxReplyAddressLength })
        {
            Refuse(connection, "invalid_reply_address", "reply address longer than 36 characters");
            return;
        }

        if (services.Serves(address))
        {
            var answer = services.Dispatch(address, body);
            if (!publish && replyAddress is not null)
            {
                connection.Deliver(envelopes.Message(replyAddress, answer));
            }

            return;
        }

        if (!publish && _awaitingReply.TryRemove(address, out var requester))
        {
            // A client answering another client's request.
            Forward(connection, requester, address, body, replyAddress);
            return;
        }

        var targets = _registrations.GetValueOrDefault(address, []);
        if (publish)
        {
            foreach (var target in targets)
            {
                target.Deliver(envelopes.Message(address, body?.DeepClone()));
            }

            return;
        }

        if (targets.IsEmpty)
        {
            if (replyAddress is not null)
            {
                connection.Deliver(envelopes.NoHandlers(replyAddress, address));
            }

            return;
        }

        Forward(connection, targets[0], address, body, replyAddress);
    }

    private void Forward(IBusConnection sender, IBusConnection target, string address, JsonNode? body, string? replyAddress)
    {
        if (replyAddress is not null)
        {
            _awaitingReply[replyAddress] = sender;
        }

        target.Deliver(envelopes.Message(address, body, replyAddress));
    }

    private void Register(IBusConnection connection, string address)
    {
        if (address.Length > MaxAddressLength)
        {
            Refuse(connection, "max_address_length_reached", "address too long to register");
            return;
        }

        _registrations.AddOrUpdate(address, [connection], (_, current) => current.Contains(connection) ? current : current.Add(connection));
    }

    private void Refuse(IBusConnection connection, string error, string problem)
    {
        BusLog.Unusable(_logger, connection.Id, problem);
        if (envelopes.BridgeError(error) is { } envelope)
        {
            connection.Deliver(envelope);
        }
    }
}
