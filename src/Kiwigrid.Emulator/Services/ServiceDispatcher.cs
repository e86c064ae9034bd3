using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Portal;

namespace Kiwigrid.Emulator.Services;

/// <summary>
/// Routes a request body to the service at an address after checking its accessToken (PROTOCOL.md §5):
/// missing or forged → 401, expired → 419. Every outcome is a reply body; nothing escapes as an exception.
/// </summary>
internal sealed class ServiceDispatcher(IEnumerable<IBusService> services, AccessTokens tokens)
{
    private readonly Dictionary<string, IBusService> _services = services.ToDictionary(s => s.Address, StringComparer.Ordinal);

    public bool Serves(string address) => _services.ContainsKey(address);

    public JsonObject Dispatch(string address, JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            return ServiceReply.Error(400, "The request body must be a JSON object with accessToken, action and params.");
        }

        var token = request["accessToken"] is JsonValue tokenNode && tokenNode.TryGetValue<string>(out var text) ? text : null;
        switch (tokens.Check(token, out var userId))
        {
            case AccessTokenValidity.Expired:
                return ServiceReply.Error(419, "Authentication Timeout: the accessToken has expired; log in again.");
            case AccessTokenValidity.Invalid:
                return ServiceReply.Error(401, token is null ? "Unauthorized: the request carries no accessToken." : "Unauthorized: the accessToken is not valid.");
        }

        if (request["action"] is not JsonValue actionNode || !actionNode.TryGetValue<string>(out var action) || action.Length == 0)
        {
            return ServiceReply.Error(400, "The request needs an action.");
        }

        var parameters = request["params"] switch
        {
            null => new JsonObject(),
            JsonObject given => given,
            _ => null,
        };
        if (parameters is null)
        {
            return ServiceReply.Error(400, "The params must be a JSON object.");
        }

        try
        {
            return ServiceReply.Ok(_services[address].Handle(new ServiceRequest(action, parameters, request, userId!)));
        }
        catch (ServiceFault fault)
        {
            return ServiceReply.Error(fault.Code, fault.Message);
        }
    }
}
